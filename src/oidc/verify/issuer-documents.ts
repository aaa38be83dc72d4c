// What STS requires of an issuer's two documents. IAM User Guide, "Create an OpenID Connect (OIDC)
// identity provider in IAM": the discovery document at <issuer>/.well-known/openid-configuration
// names the jwks_uri; the JWKS "must contain at least one key and can have a maximum of 100 RSA keys
// and 100 EC keys". A document that breaks these rules leaves STS without a verification key.
import { createLocalJWKSet, type JSONWebKeySet, type JWK } from 'jose';
import { checkFetchUrl } from './provider-url.ts';

/** The parts of a discovery document STS uses. */
export interface IssuerDiscovery {
  readonly issuer: string;
  readonly jwksUri: string;
}

/** A JWKS compiled once into jose's key selector, with the key IDs it holds. */
export interface CompiledKeySet {
  readonly select: ReturnType<typeof createLocalJWKSet>;
  readonly keyIds: ReadonlySet<string>;
  readonly keyCount: number;
}

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const MAX_KEYS_PER_TYPE = 100;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Checks a discovery document against the issuer it was fetched for (OpenID Connect Discovery 1.0, 4.3). */
export function parseDiscovery(json: unknown, expectedIssuer: string): Parsed<IssuerDiscovery> {
  if (!isRecord(json)) return { ok: false, reason: 'discovery document is not a JSON object' };
  if (json.issuer !== expectedIssuer) {
    return { ok: false, reason: `discovery issuer ${JSON.stringify(json.issuer)} is not ${expectedIssuer}` };
  }
  if (typeof json.jwks_uri !== 'string') return { ok: false, reason: 'discovery document has no jwks_uri' };
  const jwksUri = checkFetchUrl(json.jwks_uri);
  if (!jwksUri.ok) return { ok: false, reason: `jwks_uri refused: ${jwksUri.reason}` };
  for (const field of ['response_types_supported', 'subject_types_supported', 'id_token_signing_alg_values_supported']) {
    if (!isStringArray(json[field])) return { ok: false, reason: `discovery document has no ${field} list` };
  }
  return { ok: true, value: { issuer: expectedIssuer, jwksUri: json.jwks_uri } };
}

/** Keeps the signing keys of a JWKS (RSA and EC, `use` absent or "sig") and compiles them. */
export function parseKeySet(json: unknown): Parsed<CompiledKeySet> {
  if (!isRecord(json) || !Array.isArray(json.keys)) return { ok: false, reason: 'JWKS is not an object with a keys array' };
  const signingKeys: JWK[] = [];
  let rsa = 0;
  let ec = 0;
  for (const key of json.keys) {
    if (!isRecord(key) || (key.use !== undefined && key.use !== 'sig')) continue;
    if (key.kty === 'RSA') rsa += 1;
    else if (key.kty === 'EC') ec += 1;
    else continue;
    signingKeys.push(key as JWK);
  }
  if (signingKeys.length === 0) return { ok: false, reason: 'JWKS holds no RSA or EC signing key' };
  if (rsa > MAX_KEYS_PER_TYPE || ec > MAX_KEYS_PER_TYPE) {
    return { ok: false, reason: `JWKS holds ${rsa} RSA and ${ec} EC keys; at most ${MAX_KEYS_PER_TYPE} of each are allowed` };
  }
  const keySet: JSONWebKeySet = { keys: signingKeys };
  let select: ReturnType<typeof createLocalJWKSet>;
  try {
    select = createLocalJWKSet(keySet);
  } catch (error) {
    return { ok: false, reason: `JWKS malformed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const keyIds = new Set(signingKeys.flatMap((key) => (typeof key.kid === 'string' ? [key.kid] : [])));
  return { ok: true, value: { select, keyIds, keyCount: signingKeys.length } };
}
