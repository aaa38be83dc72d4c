// The two documents a Kubernetes service-account issuer serves, byte-shaped as kube-apiserver renders
// them (pkg/serviceaccount/openidmetadata.go and pkg/routes/openidmetadata.go): the discovery document
// at /.well-known/openid-configuration (issuer, jwks_uri, response_types_supported ["id_token"],
// subject_types_supported ["public"], id_token_signing_alg_values_supported = the sorted algorithms of
// the keys) and the JWKS at /openid/v1/jwks (each key: use "sig", kty, kid, alg, n, e), both sent with
// "Cache-Control: public, max-age=3600"; the JWKS as application/jwk-set+json (RFC 7517, 8.5.1).
import type { RsaPublicJwk } from './signing-key.ts';

export const OPENID_CONFIGURATION_PATH = '/.well-known/openid-configuration';
export const JWKS_PATH = '/openid/v1/jwks';

/** kube-apiserver's max-age for both documents (one hour). */
export const METADATA_MAX_AGE_SECONDS = 3600;

/** A published verification key: the key ID and its public half. */
export interface PublishedKey {
  readonly kid: string;
  readonly publicJwk: RsaPublicJwk;
}

export interface IssuerDiscoveryDocument {
  readonly issuer: string;
  readonly jwks_uri: string;
  readonly response_types_supported: readonly string[];
  readonly subject_types_supported: readonly string[];
  readonly id_token_signing_alg_values_supported: readonly string[];
}

export interface IssuerJwk {
  readonly use: 'sig';
  readonly kty: 'RSA';
  readonly kid: string;
  readonly alg: 'RS256';
  readonly n: string;
  readonly e: string;
}

export interface IssuerJwks {
  readonly keys: readonly IssuerJwk[];
}

/** Checks an issuer URL as kube-apiserver does: https, no query, no fragment (http allowed on loopback). */
export function checkIssuerUrl(issuer: string): void {
  const url = new URL(issuer);
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\./.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new TypeError(`issuer URL must use https scheme, got: ${issuer}`);
  }
  if (url.search !== '') throw new TypeError(`issuer URL may not include a query, got: ${issuer}`);
  if (url.hash !== '') throw new TypeError(`issuer URL may not include a fragment, got: ${issuer}`);
}

/** The JWKS kube-apiserver would publish for these keys. */
export function issuerJwks(keys: readonly PublishedKey[]): IssuerJwks {
  if (keys.length === 0) throw new RangeError('no keys provided for validating keyset');
  return { keys: keys.map((key) => ({ use: 'sig', kty: 'RSA', kid: key.kid, alg: 'RS256', n: key.publicJwk.n, e: key.publicJwk.e })) };
}

/** The discovery document kube-apiserver would serve; jwks_uri defaults to the issuer plus /openid/v1/jwks. */
export function issuerDiscoveryDocument(options: {
  readonly issuer: string;
  readonly jwksUri?: string;
  readonly keys: readonly PublishedKey[];
}): IssuerDiscoveryDocument {
  checkIssuerUrl(options.issuer);
  const jwksUri = options.jwksUri ?? `${options.issuer.replace(/\/+$/, '')}${JWKS_PATH}`;
  const algorithms = [...new Set(issuerJwks(options.keys).keys.map((key) => key.alg))].sort();
  return {
    issuer: options.issuer,
    jwks_uri: jwksUri,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: algorithms,
  };
}

/** Response headers for the discovery document. */
export function discoveryResponseHeaders(maxAgeSeconds = METADATA_MAX_AGE_SECONDS): Readonly<Record<string, string>> {
  return { 'Content-Type': 'application/json', 'Cache-Control': `public, max-age=${maxAgeSeconds}` };
}

/** Response headers for the JWKS. */
export function jwksResponseHeaders(maxAgeSeconds = METADATA_MAX_AGE_SECONDS): Readonly<Record<string, string>> {
  return { 'Content-Type': 'application/jwk-set+json', 'Cache-Control': `public, max-age=${maxAgeSeconds}` };
}
