// The server's side of the signature: rebuild the canonical request from what arrived and sign it
// with the caller's secret.

import { canonicalQuery, canonicalRequest, canonicalUri, type HeaderBag } from './canonical-request.ts';
import type { RequestTarget } from './auth-params.ts';
import { isEscapeFault, type EscapeFault } from './uri-encode.ts';
import { signatureOf, signingKey, stringToSign } from './signing-key.ts';
import type { CredentialScope } from './verification.ts';

/** What the server computed, kept to explain a mismatch. */
export interface ComputedSignature {
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
  readonly signingKey: Buffer;
}

/** The inputs of {@link computeSignature}. */
export interface SignatureInputs {
  readonly method: string;
  readonly target: RequestTarget;
  readonly headers: HeaderBag;
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
  readonly amzDate: string;
  readonly scope: CredentialScope;
  readonly secretAccessKey: string;
  readonly s3: boolean;
}

/** Computes the signature the request should carry, or the escape fault that prevents it. */
export function computeSignature(inputs: SignatureInputs): ComputedSignature | EscapeFault {
  const uri = canonicalUri(inputs.target.path, inputs.s3);
  if (isEscapeFault(uri)) return uri;
  const query = canonicalQuery(inputs.target.params);
  if (isEscapeFault(query)) return query;
  const canonical = canonicalRequest({
    method: inputs.method,
    uri,
    query,
    headers: inputs.headers,
    signedHeaders: inputs.signedHeaders,
    payloadHash: inputs.payloadHash,
  });
  const { date, region, service } = inputs.scope;
  const scopeText = `${date}/${region}/${service}/aws4_request`;
  const toSign = stringToSign(inputs.amzDate, scopeText, canonical);
  const key = signingKey(inputs.secretAccessKey, date, region, service);
  return { canonicalRequest: canonical, stringToSign: toSign, signature: signatureOf(key, toSign), signingKey: key };
}
