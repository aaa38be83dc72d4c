// Identities of the control plane: callers from credentials, the compiled in-memory snapshot of IAM and
// Organizations state, session tokens, and authorization of calls. Sits under the services (sts/, iam/,
// s3/, orgs/), above policy/, store/ and aws/.
export { resolveCaller } from './caller.ts';
export type { Caller } from './caller.ts';
export { buildSnapshot, PolicyMemo, principalArn } from './snapshot.ts';
export type { AccountEntry, IamSnapshot, RoleEntry, TagMap, UserEntry } from './snapshot.ts';
export { openSessionToken, sealSessionToken } from './session-token.ts';
export type { SessionClaims, SessionKey, SessionKeyring, SessionPrincipalClaims, SessionTokenProblem } from './session-token.ts';
export { authorizeCall, globalContext, policySetFor } from './authorizer.ts';
export type { Authorization, AuthorizationQuery, RequestFacts } from './authorizer.ts';
export { accessDeniedMessage, denialReason } from './access-denied.ts';
export { loadKeyring } from './keyring.ts';
export { randomSlice } from './random-pool.ts';
export { newSecretAccessKey, newUniqueId } from './access-key-id.ts';
export { principalRewrites, rewritePrincipals, shownPolicyText } from './principal-rewrites.ts';
export type { PrincipalRewrites } from './principal-rewrites.ts';
export { bindPrincipalIds, currentPrincipalArns } from './principal-binding.ts';
export type { PrincipalBinding } from './principal-binding.ts';
