// IAM User Guide, "AWS JSON policy elements: Principal" (IAM role principals, IAM user principals): when
// a resource-based policy (a role trust policy, a bucket policy) is saved, an ARN naming a specific IAM
// role or user is transformed into that entity's unique principal ID, and transformed back into the
// entity's ARN when the policy is shown. Once the entity is deleted the ID maps back to nothing: the
// policy shows the unique ID (AIDA…, AROA…) and the statement matches no one, even a role or user
// recreated under the same name, which has a new ID. podiam keeps the document as written and the IDs
// beside it (`PrincipalIds`); the rewrites below say how each bound ARN reads now, and are applied to
// the parsed policy before it is compiled and to the text before it is shown.
import type { PolicyDocument, Statement } from '../policy/index.ts';
import type { PrincipalIds } from '../store/index.ts';

/** What stands now in place of a bound principal ARN (its entity's ARN today, or its unique ID), by ARN as written. */
export type PrincipalRewrites = ReadonlyMap<string, string>;

const NONE: PrincipalRewrites = new Map();

/**
 * The rewrites of a policy's bound principals: an ARN whose unique ID now belongs to no user or role
 * becomes the ID; one whose entity now has another ARN (a renamed or moved user) becomes that ARN.
 * Principals that read as written are left out, so the common case is an empty map.
 */
export function principalRewrites(bound: PrincipalIds | undefined, arnOf: (uniqueId: string) => string | undefined): PrincipalRewrites {
  if (bound === undefined || bound.size === 0) return NONE;
  let rewrites: Map<string, string> | undefined;
  for (const [arn, id] of bound) {
    const now = arnOf(id) ?? id;
    if (now !== arn) (rewrites ??= new Map()).set(arn, now);
  }
  return rewrites ?? NONE;
}

function rewriteStatement(s: Statement, rewrites: PrincipalRewrites): Statement {
  if (s.principal === undefined) return s;
  const { principals } = s.principal;
  if (!principals.aws.some((v) => rewrites.has(v))) return s;
  return { ...s, principal: { ...s.principal, principals: { ...principals, aws: principals.aws.map((v) => rewrites.get(v) ?? v) } } };
}

/** The parsed policy with its bound principals as they read now (what the engine compiles). */
export function rewritePrincipals(policy: PolicyDocument, rewrites: PrincipalRewrites): PolicyDocument {
  if (rewrites.size === 0) return policy;
  return { ...policy, statements: policy.statements.map((s) => rewriteStatement(s, rewrites)) };
}

function rewriteElement(element: unknown, rewrites: PrincipalRewrites): void {
  if (typeof element !== 'object' || element === null || Array.isArray(element)) return;
  const principals = element as Record<string, unknown>;
  const aws = principals['AWS'];
  if (typeof aws === 'string') principals['AWS'] = rewrites.get(aws) ?? aws;
  else if (Array.isArray(aws)) principals['AWS'] = aws.map((v: unknown) => (typeof v === 'string' ? (rewrites.get(v) ?? v) : v));
}

/**
 * The policy text as IAM and S3 show it: unchanged while every bound principal reads as written,
 * otherwise the document with the rewritten principals (compact JSON, elements in their order).
 */
export function shownPolicyText(text: string, rewrites: PrincipalRewrites): string {
  if (rewrites.size === 0) return text;
  const document: unknown = JSON.parse(text);
  if (typeof document !== 'object' || document === null) return text;
  const statement = (document as Record<string, unknown>)['Statement'];
  for (const s of Array.isArray(statement) ? statement : [statement]) {
    if (typeof s !== 'object' || s === null) continue;
    rewriteElement((s as Record<string, unknown>)['Principal'], rewrites);
    rewriteElement((s as Record<string, unknown>)['NotPrincipal'], rewrites);
  }
  return JSON.stringify(document);
}
