// When S3 considers a bucket policy public (Amazon S3 User Guide, "Blocking public access to your
// Amazon S3 storage", "The meaning of 'public'"): a policy is public when one of its Allow
// statements grants to everyone (`"Principal": "*"`, `{"AWS": "*"}`, or a NotPrincipal) without
// limiting the grant to fixed values of aws:SourceIp (a set of CIDRs), aws:SourceArn,
// aws:SourceVpc, aws:SourceVpce, aws:SourceOwner, aws:SourceAccount,
// s3:x-amz-server-side-encryption-aws-kms-key-id or aws:userid. podiam also counts fixed values of
// aws:PrincipalArn, aws:PrincipalAccount and aws:PrincipalOrgID as limits, as IAM Access Analyzer does.
import type { ConditionClause, PolicyDocument, Statement } from '../policy/index.ts';

const FIXED_VALUE_KEYS: ReadonlySet<string> = new Set([
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  'aws:userid',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
]);

const EQUALITY_OPERATORS: ReadonlySet<string> = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike']);

function isWildcardValue(value: string): boolean {
  return value.includes('*') || value.includes('?');
}

// An IPv4 CIDR shorter than /8 (or an IPv6 one shorter than /32) is not "a set of CIDRs" but most of
// the internet.
function isNarrowCidr(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return true;
  const bits = Number(value.slice(slash + 1));
  return value.includes(':') ? bits >= 32 : bits >= 8;
}

/** True when the clause pins the request to fixed, non-public values. */
function limitsToFixedValues(c: ConditionClause): boolean {
  const operator = c.operator.toLowerCase();
  // IfExists and ForAllValues hold when the key is absent, as it is for anonymous callers.
  if (operator.endsWith('ifexists') || operator.startsWith('forallvalues:')) return false;
  const bare = operator.startsWith('foranyvalue:') ? operator.slice('foranyvalue:'.length) : operator;
  const key = c.key.toLowerCase();
  if (key === 'aws:sourceip') return bare === 'ipaddress' && c.values.length > 0 && c.values.every(isNarrowCidr);
  if (!FIXED_VALUE_KEYS.has(key) || !EQUALITY_OPERATORS.has(bare)) return false;
  return c.values.length > 0 && c.values.every((v) => !isWildcardValue(v));
}

function grantsToEveryone(s: Statement): boolean {
  const p = s.principal;
  if (p === undefined) return false;
  if (p.kind === 'NotPrincipal') return true;
  return p.principals.wildcard || p.principals.aws.includes('*');
}

/** True when the statement makes the policy public. */
export function isPublicStatement(s: Statement): boolean {
  return s.effect === 'Allow' && grantsToEveryone(s) && !s.conditions.some(limitsToFixedValues);
}

/** True when S3 considers the policy public. */
export function isPublicPolicy(document: PolicyDocument): boolean {
  return document.statements.some(isPublicStatement);
}

/** The policy without its public statements: what RestrictPublicBuckets leaves of it. */
export function withoutPublicStatements(document: PolicyDocument): PolicyDocument {
  return { ...document, statements: document.statements.filter((s) => !isPublicStatement(s)) };
}
