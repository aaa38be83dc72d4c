// Checks on the document as a whole: Version, Sids, duplicate statements, size.
// IAM policy validation check reference: "General Warning – Missing version", "Error – Unique Sids required",
// "General Warning – Unique Sids recommended", "Error – Unsupported Sid", "Suggestion – Empty Sid value",
// "Suggestion – Redundant statement", "Error – Policy size exceeds SCP quota", "Error – Policy size exceeds
// RCP quota", "General Warning – Policy size exceeds identity policy quota", "General Warning – Policy size
// exceeds role trust policy quota". Quotas: IAM User Guide, "IAM and AWS STS quotas" (managed policy 6,144,
// role trust policy 2,048 by default) and AWS Organizations User Guide, "Quotas" (SCP and RCP 5,120).
import type { PolicyDocument, Statement } from '../../ast.ts';
import type { AnalysisContext } from '../context.ts';
import type { Finding } from '../finding.ts';
import { makeFinding } from '../issues.ts';
import { at, elementPath, statementPath } from '../paths.ts';

/** Version, Sid and duplicate-statement checks, and the size quota of the policy type. */
export function checkDocument(ctx: AnalysisContext, documentSize: number | undefined): Finding[] {
  const { policy } = ctx;
  const findings: Finding[] = [];
  if (policy.version === undefined) findings.push(makeFinding('MISSING_VERSION', at([])));
  findings.push(...checkSids(ctx), ...checkRedundantStatements(policy), ...checkSize(ctx, documentSize));
  return findings;
}

function checkSids(ctx: AnalysisContext): Finding[] {
  const findings: Finding[] = [];
  const iamManaged = ctx.policyType !== 'RESOURCE_POLICY';
  const seen = new Set<string>();
  for (const statement of ctx.policy.statements) {
    const sid = statement.sid;
    if (sid === undefined) continue;
    const path = elementPath(ctx.policy, statement, 'Sid');
    if (sid === '') {
      findings.push(makeFinding('EMPTY_SID_VALUE', at(path)));
      continue;
    }
    // IAM accepts only ASCII letters and digits in a Sid ("IAM JSON policy elements: Sid").
    if (iamManaged && /[^A-Za-z0-9]/.test(sid)) findings.push(makeFinding('UNSUPPORTED_SID', at(path)));
    if (seen.has(sid)) {
      findings.push(makeFinding(iamManaged ? 'UNIQUE_SIDS_REQUIRED' : 'UNIQUE_SIDS_RECOMMENDED', at(path)));
    }
    seen.add(sid);
  }
  return findings;
}

/** A statement's permissions in a canonical form: equal forms grant identical permissions. */
function permissionsKey(statement: Statement): string {
  const sorted = (values: readonly string[], lower: boolean): string[] =>
    [...new Set(values.map((v) => (lower ? v.toLowerCase() : v)))].sort();
  const principal = statement.principal;
  return JSON.stringify([
    statement.effect,
    principal === undefined
      ? null
      : [
          principal.kind,
          principal.principals.wildcard,
          sorted(principal.principals.aws, false),
          sorted(principal.principals.federated, false),
          sorted(principal.principals.service, false),
          sorted(principal.principals.canonicalUser, false),
        ],
    statement.action.kind,
    sorted(statement.action.values, true),
    statement.resource === undefined ? null : [statement.resource.kind, sorted(statement.resource.values, false)],
    statement.conditions
      .map((c) => [c.operator.toLowerCase(), c.key.toLowerCase(), sorted(c.values, false)])
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  ]);
}

function checkRedundantStatements(policy: PolicyDocument): Finding[] {
  const findings: Finding[] = [];
  const first = new Map<string, Statement>();
  for (const statement of policy.statements) {
    const key = permissionsKey(statement);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, statement);
      continue;
    }
    findings.push(
      makeFinding('REDUNDANT_STATEMENT', [{ path: statementPath(policy, earlier) }, { path: statementPath(policy, statement) }]),
    );
  }
  return findings;
}

/** The size IAM counts when the caller gave none: the compact JSON of the document. */
export function compactSize(policy: PolicyDocument): number {
  const statements = policy.statements.map((s) => {
    const out: Record<string, unknown> = {};
    if (s.sid !== undefined) out.Sid = s.sid;
    out.Effect = s.effect;
    if (s.principal !== undefined) {
      const p = s.principal.principals;
      out[s.principal.kind] = p.wildcard
        ? '*'
        : Object.fromEntries(
            (
              [
                ['AWS', p.aws],
                ['Federated', p.federated],
                ['Service', p.service],
                ['CanonicalUser', p.canonicalUser],
              ] as const
            ).filter(([, v]) => v.length > 0),
          );
    }
    out[s.action.kind] = s.action.values;
    if (s.resource !== undefined) out[s.resource.kind] = s.resource.values;
    if (s.conditions.length > 0) {
      const condition: Record<string, Record<string, readonly string[]>> = {};
      for (const c of s.conditions) (condition[c.operator] ??= {})[c.key] = c.values;
      out.Condition = condition;
    }
    return out;
  });
  const doc: Record<string, unknown> = {};
  if (policy.version !== undefined) doc.Version = policy.version;
  if (policy.id !== undefined) doc.Id = policy.id;
  doc.Statement = policy.singleStatement ? statements[0] : statements;
  return JSON.stringify(doc).length;
}

function checkSize(ctx: AnalysisContext, documentSize: number | undefined): Finding[] {
  const size = documentSize ?? compactSize(ctx.policy);
  const params = (quota: number): Record<string, string> => ({ policySize: String(size), policySizeQuota: String(quota) });
  switch (ctx.policyType) {
    case 'SERVICE_CONTROL_POLICY':
      return size > 5120 ? [makeFinding('POLICY_SIZE_EXCEEDS_SCP_QUOTA', at([]), params(5120))] : [];
    case 'RESOURCE_CONTROL_POLICY':
      return size > 5120 ? [makeFinding('POLICY_SIZE_EXCEEDS_RCP_QUOTA', at([]), params(5120))] : [];
    case 'IDENTITY_POLICY':
      return size > 6144 ? [makeFinding('POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', at([]), params(6144))] : [];
    case 'TRUST_POLICY':
      return size > 2048 ? [makeFinding('POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA', at([]))] : [];
    case 'RESOURCE_POLICY':
      // Each service sets its own resource policy quota (S3 20 KB, SQS 8 KB, ...); the document alone does not say which.
      return [];
    default: {
      const never: never = ctx.policyType;
      return never;
    }
  }
}
