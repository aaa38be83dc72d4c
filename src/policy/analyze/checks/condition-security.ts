// Security checks on how condition keys are used.
// IAM policy validation check reference: "Security Warning – Missing paired condition keys", "Security
// Warning – Untrustworthy condition key", "Security Warning – S3 prefix in negative context", "Security
// Warning – DynamoDB attributes without select", "General Warning – Use condition key only with supported
// services", "General Warning – RCP missing related principal condition key", "Error – Wildcard usage too
// permissive", "Error – Variable usage too permissive".
// IAM User Guide, "AWS global condition context keys", "Sensitive condition keys", aws:referer and aws:UserAgent
// ("This key should be used carefully ... unauthorized parties can use modified or custom browsers").
import type { ConditionClause, Statement } from '../../ast.ts';
import { parseOperator } from '../../condition/operators.ts';
import type { AnalysisContext } from '../context.ts';
import type { Finding } from '../finding.ts';
import { makeFinding } from '../issues.ts';
import { at, conditionKeyPath, conditionValuePath } from '../paths.ts';

/** The keys AWS calls sensitive: "The use of wildcards in these condition keys does not have any valid use cases." */
const SENSITIVE_KEYS = new Set(
  [
    'aws:PrincipalAccount',
    'aws:PrincipalOrgID',
    'aws:ResourceAccount',
    'aws:ResourceOrgID',
    'aws:SourceAccount',
    'aws:SourceOrgID',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:VpceAccount',
    'aws:VpceOrgID',
  ].map((k) => k.toLowerCase()),
);

/** Keys whose values the caller controls. */
const UNTRUSTWORTHY_KEYS = new Set(['aws:referer', 'aws:useragent']);

/** Keys that work only with the services that support them. */
const SERVICE_SCOPED_KEYS = new Set(['aws:vpceaccount', 'aws:vpceorgid', 'aws:vpceorgpaths']);

/** Keys better paired with another: aws:VpcSourceIp with aws:SourceVpc. */
const PAIRED_KEYS: ReadonlyMap<string, readonly string[]> = new Map([['aws:vpcsourceip', ['aws:SourceVpc']]]);

const PRINCIPAL_KEY = /^aws:(principal(arn|account|orgid|orgpaths|tag\/.+|type)|userid|username)$/;

/** Key-usage security checks for one statement. */
export function checkConditionSecurity(ctx: AnalysisContext, statement: Statement): Finding[] {
  const { policy } = ctx;
  const findings: Finding[] = [];
  const keys = new Set(statement.conditions.map((c) => c.key.toLowerCase()));
  const reported = new Set<string>();
  for (const clause of statement.conditions) {
    const key = clause.key.toLowerCase();
    const keyPath = at(conditionKeyPath(policy, statement, clause));
    const once = (code: string): boolean => {
      const id = `${code}:${key}`;
      if (reported.has(id)) return false;
      reported.add(id);
      return true;
    };
    const spec = parseOperator(clause.operator);

    const pairs = PAIRED_KEYS.get(key);
    const missing = pairs?.filter((k) => !keys.has(k.toLowerCase())) ?? [];
    if (missing.length > 0 && once('paired')) {
      findings.push(
        makeFinding('MISSING_PAIRED_CONDITION_KEYS', keyPath, { conditionKeyName: clause.key, recommendedKeys: missing.join(', ') }),
      );
    }
    if (UNTRUSTWORTHY_KEYS.has(key) && once('untrustworthy')) {
      findings.push(makeFinding('UNTRUSTWORTHY_CONDITION_KEY', keyPath, { key: clause.key }));
    }
    if (SERVICE_SCOPED_KEYS.has(key) && scopedToNoService(ctx, statement) && once('scoped')) {
      findings.push(makeFinding('USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES', keyPath, { key: clause.key }));
    }
    if (key === 's3:prefix' && spec !== undefined && spec.family === 'String') {
      // "A Deny with StringLike or an Allow with StringNotLike does not effectively restrict access."
      if ((statement.effect === 'Deny') !== spec.negated && once('s3prefix')) {
        findings.push(makeFinding('S3_PREFIX_IN_NEGATIVE_CONTEXT', keyPath));
      }
    }
    if (key === 'dynamodb:attributes' && statement.effect === 'Allow' && !selectsSpecificAttributes(statement) && once('ddb')) {
      findings.push(makeFinding('DYNAMODB_ATTRIBUTES_WITHOUT_SELECT', keyPath));
    }
    if (
      ctx.policyType === 'RESOURCE_CONTROL_POLICY' &&
      statement.effect === 'Deny' &&
      PRINCIPAL_KEY.test(key) &&
      !keys.has('aws:principalisawsservice') &&
      once('rcp')
    ) {
      findings.push(makeFinding('RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY', keyPath, { conditionKeyName: clause.key }));
    }
    findings.push(...checkPermissiveValues(ctx, statement, clause));
  }
  return findings;
}

/** True when the statement's actions are not confined to named services (`*`, a service wildcard, NotAction). */
function scopedToNoService(ctx: AnalysisContext, statement: Statement): boolean {
  if (statement.action.kind === 'NotAction') return true;
  return statement.action.values.some((v) => {
    const r = ctx.resolveAction(v);
    return r.kind === 'all' || r.kind === 'service-pattern';
  });
}

function selectsSpecificAttributes(statement: Statement): boolean {
  return statement.conditions.some(
    (c) =>
      c.key.toLowerCase() === 'dynamodb:select' &&
      parseOperator(c.operator)?.base === 'StringEquals' &&
      c.values.length > 0 &&
      c.values.every((v) => v === 'SPECIFIC_ATTRIBUTES'),
  );
}

const SENSITIVE_WILDCARD =
  'The wildcard is not allowed in the condition key {{key}}. We consider the key to be sensitive and wildcards are not allowed to be used with sensitive keys. Refer to https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html for the list of sensitive keys.';
const SENSITIVE_VARIABLE =
  'The policy variable is not allowed in the condition key {{key}}. We consider the key to be sensitive and policy variables can be evaluated as effective wildcards. Therefore policy variables are not allowed to be used with sensitive keys. Refer to https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html for the list of sensitive keys.';
const USERID_WILDCARD =
  'Overly permissive use of wildcard with aws:userID. Use the wildcard on the right side of colon or as the only character on the left side of a colon.';
const USERID_VARIABLE =
  'Overly permissive use of policy variable with aws:userID. Use the policy variable on the right side of colon or as the only character on the left side of a colon.';
const SHORT_WILDCARD_PREFIX =
  'Overly permissive use of wildcard for the {{key}} condition key. Use the wildcard preceded by 6 consecutive characters.';

/** The GitHub Actions subject claim, whose wildcards must follow at least six literal characters. */
const GITHUB_SUB = 'token.actions.githubusercontent.com:sub';

/** Wildcards and policy variables in keys where they match too much. Only Like operators treat `*` as a wildcard. */
function checkPermissiveValues(ctx: AnalysisContext, statement: Statement, clause: ConditionClause): Finding[] {
  const spec = parseOperator(clause.operator);
  if (spec === undefined || spec.family !== 'String' || spec.negated) return [];
  const like = spec.base === 'StringLike';
  const key = clause.key.toLowerCase();
  const findings: Finding[] = [];
  clause.values.forEach((value, i) => {
    const path = at(conditionValuePath(ctx.policy, statement, clause, i));
    const wildcard = like && /[*?]/.test(value);
    const variable = value.includes('${');
    const fill = (message: string): string => message.replace('{{key}}', clause.key);
    if (SENSITIVE_KEYS.has(key)) {
      if (wildcard) findings.push(makeFinding('WILDCARD_USAGE_TOO_PERMISSIVE', path, { message: fill(SENSITIVE_WILDCARD) }));
      if (variable) findings.push(makeFinding('VARIABLE_USAGE_TOO_PERMISSIVE', path, { message: fill(SENSITIVE_VARIABLE) }));
    } else if (key === 'aws:userid') {
      const colon = value.indexOf(':');
      const left = colon < 0 ? value : value.slice(0, colon);
      const leftOk = colon >= 0 && (left === '*' || !/[*?]/.test(left));
      if (wildcard && !leftOk) findings.push(makeFinding('WILDCARD_USAGE_TOO_PERMISSIVE', path, { message: USERID_WILDCARD }));
      const variableLeftOk = colon >= 0 && !left.includes('${');
      if (variable && !variableLeftOk) {
        findings.push(makeFinding('VARIABLE_USAGE_TOO_PERMISSIVE', path, { message: USERID_VARIABLE }));
      }
    } else if (key === GITHUB_SUB && wildcard && shortestLiteralRunBeforeWildcard(value) < 6) {
      findings.push(makeFinding('WILDCARD_USAGE_TOO_PERMISSIVE', path, { message: fill(SHORT_WILDCARD_PREFIX) }));
    }
  });
  return findings;
}

/** The fewest literal characters that directly precede a wildcard in the value. */
function shortestLiteralRunBeforeWildcard(value: string): number {
  let run = 0;
  let shortest = Number.POSITIVE_INFINITY;
  for (const ch of value) {
    if (ch === '*' || ch === '?') {
      shortest = Math.min(shortest, run);
      run = 0;
    } else run++;
  }
  return shortest;
}
