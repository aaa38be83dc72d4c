// oidc/: verifying web identity tokens for STS AssumeRoleWithWebIdentity, and the Kubernetes-style
// service-account token issuer (signing keys, discovery documents, token minting, key rotation).

export { WebIdentityVerifier } from './verify/web-identity-verifier.ts';
export type {
  OidcLogger,
  OidcProviderConfig,
  VerifiedWebIdentity,
  WebIdentityResult,
  WebIdentityVerifierOptions,
} from './verify/web-identity-verifier.ts';
export type { WebIdentityErrorCode, WebIdentityFailure } from './verify/errors.ts';
export type { OidcFetch, OidcHttpResponse, TlsFacts } from './verify/fetch-document.ts';
export type { CacheBounds } from './verify/cache-control.ts';
export type { ConditionValue } from './verify/condition-keys.ts';
export type { SessionTags } from './verify/session-tags.ts';
export { issuerOfToken } from './verify/parse-token.ts';
export { isLoopbackHost, parseProviderUrl, providerUrlForIssuer } from './verify/provider-url.ts';
export type { ProviderUrl } from './verify/provider-url.ts';
export { oidcProviderArn } from './verify/condition-keys.ts';
export { createIssuerFetch } from './verify/issuer-fetch.ts';
export type { IssuerFetchOptions } from './verify/issuer-fetch.ts';
export { ACCEPTED_ALGORITHMS } from './verify/verify-signature.ts';
export { checkJwksDocument } from './verify/held-key-set.ts';

export {
  exportSigningKeyJwk,
  exportSigningKeyPem,
  generateSigningKey,
  importSigningKeyJwk,
  importSigningKeyPem,
  keyIdFromPublicKeyPem,
} from './issuer/signing-key.ts';
export type { RsaPublicJwk, ServiceAccountSigningKey, StoredSigningKeyPem } from './issuer/signing-key.ts';
export {
  JWKS_PATH,
  METADATA_MAX_AGE_SECONDS,
  OPENID_CONFIGURATION_PATH,
  discoveryResponseHeaders,
  issuerDiscoveryDocument,
  issuerJwks,
  jwksResponseHeaders,
} from './issuer/issuer-metadata.ts';
export type { IssuerDiscoveryDocument, IssuerJwk, IssuerJwks, PublishedKey } from './issuer/issuer-metadata.ts';
export { MIN_EXPIRATION_SECONDS, mintServiceAccountToken, serviceAccountTokenClaims } from './issuer/service-account-token.ts';
export type {
  MintServiceAccountTokenInput,
  MintedServiceAccountToken,
  ObjectRef,
  ServiceAccountTokenClaims,
} from './issuer/service-account-token.ts';
export { planKeyRotation } from './issuer/key-rotation.ts';
export type { KeyRotationPlan, KeyRotationPolicy, SigningKeyRecord } from './issuer/key-rotation.ts';
