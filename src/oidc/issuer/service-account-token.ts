// A projected service-account token as kube-apiserver mints it for a kubelet TokenRequest
// (pkg/serviceaccount/claims.go, Kubernetes 1.32+ with ServiceAccountTokenJTI and
// ServiceAccountTokenPodNodeInfo): RS256 with the key's kid in the header; claims aud (a list), exp,
// iat, nbf (= iat), iss, jti, sub "system:serviceaccount:<namespace>:<name>" and the private
// "kubernetes.io" object {namespace, serviceaccount {name, uid}, pod {name, uid}, node {name, uid}}
// (a token bound to a node alone, ServiceAccountTokenNodeBinding, carries node without pod).
// go-jose serialises the merged claims as a map, so keys appear in sorted order; so do ours.
// TokenRequest validation: expirationSeconds at least 600 ("may not specify a duration less than
// 10 minutes"), capped by --service-account-max-token-expiration.
import { SignJWT } from 'jose';
import { checkIssuerUrl } from './issuer-metadata.ts';
import type { ServiceAccountSigningKey } from './signing-key.ts';

/** The least lifetime TokenRequest accepts. */
export const MIN_EXPIRATION_SECONDS = 600;

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
  const lifetime =
    input.maxExpirationSeconds !== undefined ? Math.min(input.expirationSeconds, input.maxExpirationSeconds) : input.expirationSeconds;
  const iat = Math.floor(input.now / 1000);
  const kubernetes = {
    namespace: input.namespace,
    ...(input.node === undefined ? {} : { node: ref(input.node.name, input.node.uid) }),
    ...(input.pod === undefined ? {} : { pod: ref(input.pod.name, input.pod.uid) }),
    serviceaccount: ref(input.serviceAccount, input.serviceAccountUid),
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
