// Test support: requests signed by the AWS SDK for JavaScript v3's own signer (@smithy/signature-v4),
// turned into what a Node server would see (request line + lower-case headers).

import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { uriEncode } from './uri-encode.ts';
import type { SigV4Request } from './verification.ts';
import { sha256Hex } from './signing-key.ts';

export interface TestCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface RequestSpec {
  readonly method: string;
  readonly host: string;
  /** The path as it goes on the request line (already percent-encoded where needed). */
  readonly path: string;
  /** Decoded query values. */
  readonly query?: Readonly<Record<string, string | string[]>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface SignOptions {
  readonly service: string;
  readonly region: string;
  readonly credentials: TestCredentials;
  readonly date: Date;
}

function signer(opts: SignOptions): SignatureV4 {
  return new SignatureV4({
    credentials: opts.credentials,
    region: opts.region,
    service: opts.service,
    sha256: Sha256,
    uriEscapePath: opts.service !== 's3',
    applyChecksum: opts.service === 's3',
  });
}

function wireQuery(query: Readonly<Record<string, string | string[] | null | undefined>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) parts.push(`${uriEncode(key)}=${uriEncode(v)}`);
  }
  return parts.join('&');
}

function toServerView(
  signed: { path: string; query?: Record<string, string | string[] | null>; headers: Record<string, string> },
  body: string | undefined,
): SigV4Request {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) headers[k.toLowerCase()] = v;
  const q = wireQuery(signed.query ?? {});
  return {
    method: 'X', // replaced by callers
    url: q === '' ? signed.path : `${signed.path}?${q}`,
    headers,
    bodySha256: sha256Hex(body ?? ''),
  };
}

/** Signs with the Authorization header, as the SDK sends a request. */
export async function signWithHeader(spec: RequestSpec, opts: SignOptions): Promise<SigV4Request> {
  const signed = await signer(opts).sign(
    {
      method: spec.method,
      protocol: 'https:',
      hostname: spec.host,
      path: spec.path,
      query: { ...(spec.query ?? {}) },
      headers: { host: spec.host, ...(spec.headers ?? {}) },
      body: spec.body,
    },
    { signingDate: opts.date },
  );
  return { ...toServerView(signed, spec.body), method: spec.method };
}

/** Presigns a URL, as `getSignedUrl` / `aws s3 presign` produce it. */
export async function presign(spec: RequestSpec, opts: SignOptions, expiresIn: number): Promise<SigV4Request> {
  const presigned = await signer(opts).presign(
    {
      method: spec.method,
      protocol: 'https:',
      hostname: spec.host,
      path: spec.path,
      query: { ...(spec.query ?? {}) },
      headers: { host: spec.host, ...(spec.headers ?? {}) },
      body: spec.body,
    },
    { signingDate: opts.date, expiresIn },
  );
  return { ...toServerView(presigned, spec.body), method: spec.method };
}
