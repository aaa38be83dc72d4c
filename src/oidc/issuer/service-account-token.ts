// A projected service-account token as kube-apiserver mints it for a kubelet TokenRequest
// (pkg/serviceaccount/claims.go, Kubernetes 1.32+ with ServiceAccountTokenJTI and
// ServiceAccountTokenPodNodeInfo): RS256 with the key's kid in the header; claims aud (a list), exp,
// iat, nbf (= iat), iss, jti, sub "system:serviceaccount:<namespace>:<name>" and the private
// "kubernetes.io" object {namespace, serviceaccount {name, uid}, pod {name, uid}, node {name, uid}}
// (a token bound to a node alone, ServiceAccountTokenNodeBinding, carries node without pod).
// go-jose serialises the merged claims as a map, so keys appear in sorted order; so do ours.
// TokenRequest validation: expirationSeconds at least 600 ("may not specify a duration less than
// 10 minutes"), capped by --service-account-max-token-expiration.
// Extended expiration (--service-account-extend-token-expiration, on by default; pkg/registry/core/
// serviceaccount/storage/token.go): a pod-bound token requested for exactly 3607 seconds (the
// kubelet's kube-api-access volume) whose audiences are all the API server's own is issued for the
// maximum extended lifetime instead, with kubernetes.io.warnafter = iat + 3607 so that the server
// only warns about its use after the requested lifetime. Tokens for other audiences (IRSA's
// sts.amazonaws.com) are never extended.
import { SignJWT } from 'jose';
import { checkIssuerUrl } from './issuer-metadata.ts';
import type { ServiceAccountSigningKey } from './signing-key.ts';

/** The least lifetime TokenRequest accepts. */
export const MIN_EXPIRATION_SECONDS = 600;
/** token.WarnOnlyBoundTokenExpirationSeconds: the lifetime the kubelet asks for, one hour and seven seconds. */
export const WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS = 3607;
/** token.ExpirationExtensionSeconds: the extended lifetime (one year) when no maximum is set. */
export const EXPIRATION_EXTENSION_SECONDS = 24 * 365 * 60 * 60;

export interface ObjectRef {
  readonly name: string;
  readonly uid: string;
}

export interface MintServiceAccountTokenInput {
  readonly issuer: string;
  readonly key: ServiceAccountSigningKey;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly serviceAccountUid?: string;
  readonly audiences: readonly string[];
  readonly expirationSeconds: number;
  /** Clamp for expirationSeconds (kube-apiserver --service-account-max-token-expiration). */
  readonly maxExpirationSeconds?: number;
  /** The API server's own audiences (--api-audiences, the issuer by default): only tokens for these are extended. */
  readonly apiAudiences?: readonly string[];
  readonly pod?: ObjectRef;
  readonly node?: ObjectRef;
  /** Milliseconds since the epoch. */
  readonly now: number;
  /** A fresh UUID (kube uses uuid.NewString); randomness is the caller's. */
  readonly jti: string;
}

export interface ServiceAccountTokenClaims {
  readonly aud: readonly string[];
  readonly exp: number;
  readonly iat: number;
  readonly iss: string;
  readonly jti: string;
  readonly 'kubernetes.io': {
    readonly namespace: string;
    readonly node?: { readonly name: string; readonly uid?: string };
    readonly pod?: { readonly name: string; readonly uid?: string };
    readonly serviceaccount: { readonly name: string; readonly uid?: string };
    /** Extended tokens only: when the requested lifetime ends. */
    readonly warnafter?: number;
  };
  readonly nbf: number;
  readonly sub: string;
}

export interface MintedServiceAccountToken {
  readonly token: string;
  readonly claims: ServiceAccountTokenClaims;
}

/** A kube `ref` with omitempty fields dropped. */
function ref(name: string, uid: string | undefined): { name: string; uid?: string } {
  return uid === undefined || uid === '' ? { name } : { name, uid };
}

function requireText(field: string, value: string): void {
  if (value.length === 0) throw new TypeError(`${field} must not be empty`);
}

/** The claims kube-apiserver would put in this token (no signing). */
export function serviceAccountTokenClaims(input: Omit<MintServiceAccountTokenInput, 'key'>): ServiceAccountTokenClaims {
  checkIssuerUrl(input.issuer);
  requireText('namespace', input.namespace);
  requireText('serviceAccount', input.serviceAccount);
  requireText('jti', input.jti);
  if (input.audiences.length === 0 || input.audiences.some((audience) => audience.length === 0)) {
    throw new TypeError('audiences must be a non-empty list of non-empty strings');
  }
  if (!Number.isInteger(input.expirationSeconds) || input.expirationSeconds < MIN_EXPIRATION_SECONDS) {
    throw new RangeError(`expirationSeconds: may not specify a duration less than 10 minutes (got ${input.expirationSeconds})`);
  }
  const requested =
    input.maxExpirationSeconds !== undefined ? Math.min(input.expirationSeconds, input.maxExpirationSeconds) : input.expirationSeconds;
  const apiAudiences = input.apiAudiences ?? [];
  const extended =
    input.pod !== undefined && requested === WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS && input.audiences.every((a) => apiAudiences.includes(a));
  // The extended lifetime is the maximum when one is set below a year (kube-apiserver's MaxExtendedExpiration).
  const lifetime = extended ? Math.max(requested, Math.min(EXPIRATION_EXTENSION_SECONDS, input.maxExpirationSeconds ?? EXPIRATION_EXTENSION_SECONDS)) : requested;
  const iat = Math.floor(input.now / 1000);
  const kubernetes = {
    namespace: input.namespace,
    ...(input.node === undefined ? {} : { node: ref(input.node.name, input.node.uid) }),
    ...(input.pod === undefined ? {} : { pod: ref(input.pod.name, input.pod.uid) }),
    serviceaccount: ref(input.serviceAccount, input.serviceAccountUid),
    ...(extended ? { warnafter: iat + requested } : {}),
  };
  return {
    aud: [...input.audiences],
    exp: iat + lifetime,
    iat,
    iss: input.issuer,
    jti: input.jti,
    'kubernetes.io': kubernetes,
    nbf: iat,
    sub: `system:serviceaccount:${input.namespace}:${input.serviceAccount}`,
  };
}

/** Mints and signs a projected service-account token. Invalid input is a programmer error and throws. */
export async function mintServiceAccountToken(input: MintServiceAccountTokenInput): Promise<MintedServiceAccountToken> {
  const claims = serviceAccountTokenClaims(input);
  const token = await new SignJWT({ ...claims, aud: [...claims.aud] })
    .setProtectedHeader({ alg: 'RS256', kid: input.key.kid })
    .sign(input.key.privateKey);
  return { token, claims };
}
