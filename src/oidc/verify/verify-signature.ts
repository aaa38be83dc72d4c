// The token's signature, checked with jose against the issuer's published keys. IAM User Guide,
// "Create an OpenID Connect (OIDC) identity provider in IAM": tokens must be signed with RSA keys
// (RS256, RS384 or RS512) or ECDSA keys (ES256, ES384 or ES512); `none` and HMAC are never accepted.
import { compactVerify, errors, type CryptoKey, type KeyObject } from 'jose';
import type { CompiledKeySet } from './issuer-documents.ts';

/** The signing algorithms STS accepts for web identity tokens. */
export const ACCEPTED_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];

export type SignatureCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly kind: 'no-key' | 'bad-signature'; readonly reason: string };

function describe(error: unknown): string {
  return error instanceof errors.JOSEError ? `${error.code}: ${error.message}` : String(error);
}

/** Verifies the compact JWS with the one published key its header selects (trying each when several match). */
export async function verifySignature(token: string, keySet: CompiledKeySet): Promise<SignatureCheck> {
  const options = { algorithms: [...ACCEPTED_ALGORITHMS] };
  try {
    await compactVerify(token, keySet.select, options);
    return { ok: true };
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey) return { ok: false, kind: 'no-key', reason: describe(error) };
    if (error instanceof errors.JWKSMultipleMatchingKeys) {
      const candidates = error as unknown as AsyncIterable<CryptoKey | KeyObject>;
      for await (const key of candidates) {
        try {
          await compactVerify(token, key, options);
          return { ok: true };
        } catch {
          // Try the next key that matches the header.
        }
      }
      return { ok: false, kind: 'bad-signature', reason: 'no matching key verifies the signature' };
    }
    return { ok: false, kind: 'bad-signature', reason: describe(error) };
  }
}
