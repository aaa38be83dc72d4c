// S3's checks of a credential scope, in its order: shape, region, service, terminator (Amazon S3
// API Reference, "Error responses": AuthorizationHeaderMalformed / AuthorizationQueryParametersError).

import { splitCredential } from './auth-params.ts';
import type { SigningSecret, VerifyOptions } from './verification.ts';

/** What is wrong with a credential, worded as S3 words it after its prefix. */
export interface CredentialFault {
  readonly message: string;
  readonly fields?: Readonly<Record<string, string>>;
}

/** The first fault of a credential (shape, region, service, terminator, in S3's order), or undefined. */
export function credentialFault<C extends SigningSecret>(credential: string, options: VerifyOptions<C>): CredentialFault | undefined {
  const parts = splitCredential(credential);
  if (parts === undefined) {
    return { message: 'the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".' };
  }
  if (parts.region === '') return { message: 'a non-empty region must be provided in the credential.' };
  if (!options.regions.includes(parts.region)) {
    const expected = options.regions[0] ?? '';
    return { message: `the region '${parts.region}' is wrong; expecting '${expected}'`, fields: { Region: expected } };
  }
  if (parts.service !== options.service) {
    return { message: `incorrect service "${parts.service}". This endpoint belongs to "${options.service}".` };
  }
  if (parts.terminator !== 'aws4_request') {
    return { message: `incorrect terminal "${parts.terminator}". This endpoint uses "aws4_request".` };
  }
  return undefined;
}
