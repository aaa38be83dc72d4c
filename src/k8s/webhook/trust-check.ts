// podiam's optional check, beyond upstream: before answering, ask whether the role's trust policy
// would let this pod's projected token assume it (AssumeRoleWithWebIdentity with these claims).

/** The claims the pod's token will carry. */
export interface WebIdentityClaims {
  /** The cluster's service-account issuer (`iss`). */
  readonly issuer: string;
  /** `system:serviceaccount:<namespace>:<name>`. */
  readonly sub: string;
  /** The projected token's audience. */
  readonly aud: string;
}

/** The verdict of a trust check: a refusal names its reason in words fit for a kubectl warning. */
export type TrustVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Would `roleArn`'s trust policy admit a web identity token with these claims? */
export type TrustCheck = (roleArn: string, claims: WebIdentityClaims) => Promise<TrustVerdict>;

/** The check used until podiam's own is wired in: admits everything. */
export const nullTrustCheck: TrustCheck = async () => ({ ok: true });

/** The subject kube-apiserver puts in a ServiceAccount's tokens. */
export function serviceAccountSubject(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}
