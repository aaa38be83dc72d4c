// The token's signature, checked against the issuer's published keys. IAM User Guide, "Create an OpenID
// Connect (OIDC) identity provider in IAM": tokens must be signed with RSA keys (RS256, RS384 or RS512)
// or ECDSA keys (ES256, ES384 or ES512); `none` and HMAC are never accepted. jose selects the key the
// header names (kid, alg, key type and curve, as RFC 7517 and 7518 define) and imports it; the
// signature itself is checked with node:crypto, synchronously — WebCrypto's asynchronous job cost
// several times the RSA verification it wraps. Headers with extensions (`crit`) go through jose whole.
import { KeyObject, verify as verifyBytes } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, errors, type CryptoKey, type ProtectedHeaderParameters } from 'jose';
import type { CompiledKeySet } from './issuer-documents.ts';

/** The signing algorithms STS accepts for web identity tokens. */
export const ACCEPTED_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];

const DIGESTS: Readonly<Record<string, { readonly hash: string; readonly ec: boolean }>> = {
  RS256: { hash: 'sha256', ec: false },
  RS384: { hash: 'sha384', ec: false },
  RS512: { hash: 'sha512', ec: false },
  ES256: { hash: 'sha256', ec: true },
  ES384: { hash: 'sha384', ec: true },
  ES512: { hash: 'sha512', ec: true },
};

/** RFC 7518, 3.3: "A key of size 2048 bits or larger MUST be used with these algorithms" (as jose enforces). */
const MIN_RSA_BITS = 2048;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export type SignatureCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly kind: 'no-key' | 'bad-signature'; readonly reason: string };

function describe(error: unknown): string {
  return error instanceof errors.JOSEError ? `${error.code}: ${error.message}` : String(error);
}

const nodeKeys = new WeakMap<CryptoKey | KeyObject, KeyObject>();
function nodeKeyOf(key: CryptoKey | KeyObject): KeyObject {
  if (key instanceof KeyObject) return key;
  let object = nodeKeys.get(key);
  if (object === undefined) nodeKeys.set(key, (object = KeyObject.from(key)));
  return object;
}

/** Checks the signature of `signingInput` with one key; a reason when it does not verify. */
function checkWith(key: CryptoKey | KeyObject, alg: string, signingInput: Buffer, signature: Buffer): string | undefined {
  const digest = DIGESTS[alg];
  if (digest === undefined) return `algorithm ${alg} is not accepted`;
  const keyObject = nodeKeyOf(key);
  if (keyObject.type !== 'public' && keyObject.type !== 'private') return 'the key is not an asymmetric key';
  if (!digest.ec && (keyObject.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) {
    return `${alg} requires key modulusLength to be ${MIN_RSA_BITS} bits or larger`;
  }
  const ok = verifyBytes(digest.hash, signingInput, digest.ec ? { key: keyObject, dsaEncoding: 'ieee-p1363' } : keyObject, signature);
  return ok ? undefined : 'signature verification failed';
}

/** jose's own verification, for headers with extensions (it refuses those it does not understand). */
async function verifyWithJose(token: string, keySet: CompiledKeySet): Promise<SignatureCheck> {
  try {
    await compactVerify(token, keySet.select, { algorithms: [...ACCEPTED_ALGORITHMS] });
    return { ok: true };
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey) return { ok: false, kind: 'no-key', reason: describe(error) };
    return { ok: false, kind: 'bad-signature', reason: describe(error) };
  }
}

/**
 * Verifies the compact JWS with the one published key its header selects (trying each when several
 * match). `decoded` is the token's header when the caller has decoded it already.
 */
export async function verifySignature(token: string, keySet: CompiledKeySet, decoded?: ProtectedHeaderParameters): Promise<SignatureCheck> {
  const parts = token.split('.');
  const [protectedPart = '', payloadPart = '', signaturePart = ''] = parts;
  let header: ProtectedHeaderParameters;
  try {
    header = decoded ?? decodeProtectedHeader(token);
  } catch (error) {
    return { ok: false, kind: 'bad-signature', reason: describe(error) };
  }
  if (header.crit !== undefined || header.b64 !== undefined) return verifyWithJose(token, keySet);
  const alg = typeof header.alg === 'string' ? header.alg : '';
  if (parts.length !== 3 || !ACCEPTED_ALGORITHMS.includes(alg) || !BASE64URL.test(signaturePart)) {
    return { ok: false, kind: 'bad-signature', reason: 'not a compact JWS with an accepted algorithm and a base64url signature' };
  }
  const signingInput = Buffer.from(`${protectedPart}.${payloadPart}`, 'ascii');
  const signature = Buffer.from(signaturePart, 'base64url');
  let candidates: AsyncIterable<CryptoKey | KeyObject> | Iterable<CryptoKey | KeyObject>;
  try {
    candidates = [await keySet.select(header)];
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey) return { ok: false, kind: 'no-key', reason: describe(error) };
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) return { ok: false, kind: 'bad-signature', reason: describe(error) };
    // jose's error iterates the keys that match the header; any one of them may have signed.
    candidates = error as unknown as AsyncIterable<CryptoKey | KeyObject>;
  }
  let reason = 'no matching key verifies the signature';
  for await (const key of candidates) {
    const problem = checkWith(key, alg, signingInput, signature);
    if (problem === undefined) return { ok: true };
    reason = problem;
  }
  return { ok: false, kind: 'bad-signature', reason };
}
