// Checks on condition values against their operator and key.
// IAM policy validation check reference: "General Warning – Type mismatch Boolean", "... Type mismatch date",
// "... Type mismatch number", "... Type mismatch string", "Error – Type mismatch IP range", "Error – Invalid
// condition multiple Boolean", "General Warning – Invalid date value", "General Warning – Wildcard without
// like operator", "Error – Invalid variable for operator", "Error – Missing brace in variable" (and the other
// variable syntax errors), "Error – Private IP address", "Error – Private NotIpAddress", "Suggestion – Private
// IP address subset", "Suggestion – Private NotIpAddress subset", "Suggestion – Improve IP range", "Error –
// Invalid vpc format", "Error – Invalid vpce format", "Error – Invalid service principal format",
// "Suggestion – Redundant condition value num", "Suggestion – Redundant key due to wildcard in condition",
// "Suggestion – Redundant statement due to wildcard in condition".
import type { ConditionClause, Statement } from '../../ast.ts';
import { parseOperator, type OperatorSpec } from '../../condition/operators.ts';
import { classifyConditionKey, isMultivalued, oidcProviderNames } from '../condition-key.ts';
import type { AnalysisContext } from '../context.ts';
import type { Finding } from '../finding.ts';
import { isPrivateCidr, normalizedCidr, parseCidr } from '../ip.ts';
import { makeFinding } from '../issues.ts';
import { at, conditionKeyPath, conditionValuePath } from '../paths.ts';
import { hasVariable, variableIssue } from '../variables.ts';
import { isServicePrincipal } from './principal.ts';

/** Value checks for every condition of one statement. */
export function checkConditionValues(ctx: AnalysisContext, statement: Statement): Finding[] {
  const findings: Finding[] = [];
  const providers = oidcProviderNames(ctx.policy);
  for (const clause of statement.conditions) {
    const spec = parseOperator(clause.operator);
    if (spec === undefined) continue;
    const info = classifyConditionKey(clause.key, ctx.catalog, providers);
    findings.push(...checkValues(ctx, statement, clause, spec, info.kind !== 'invalid' && isMultivalued(info)));
  }
  return findings;
}

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function checkValues(
  ctx: AnalysisContext,
  statement: Statement,
  clause: ConditionClause,
  spec: OperatorSpec,
  multivalued: boolean,
): Finding[] {
  const { policy } = ctx;
  const findings: Finding[] = [];
  const valuePath = (i: number) => conditionValuePath(policy, statement, clause, i);
  const keyLower = clause.key.toLowerCase();
  let reportedVariable = false;

  clause.values.forEach((value, i) => {
    if (hasVariable(value)) {
      const issue = variableIssue(value);
      if (issue !== undefined) {
        findings.push(makeFinding(issue, at(valuePath(i))));
        return;
      }
      if (spec.family !== 'String' && spec.family !== 'Arn') {
        if (!reportedVariable) findings.push(makeFinding('INVALID_VARIABLE_FOR_OPERATOR', at(valuePath(i))));
        reportedVariable = true;
        return;
      }
      if (policy.version !== '2012-10-17') {
        findings.push(makeFinding('VARIABLE_UNSUPPORTED_IN_VERSION', at(valuePath(i))));
        return;
      }
    }
    switch (spec.family) {
      case 'Bool':
      case 'Null':
        if (!/^(true|false)$/i.test(value)) {
          findings.push(makeFinding('TYPE_MISMATCH_BOOLEAN', at(valuePath(i)), { operator: clause.operator }));
        }
        return;
      case 'Numeric':
        if (!NUMBER.test(value)) findings.push(makeFinding('TYPE_MISMATCH_NUMBER', at(valuePath(i)), { operator: clause.operator }));
        return;
      case 'Date':
        if (/^\d+$/.test(value)) findings.push(makeFinding('INVALID_DATE_VALUE', at(valuePath(i)), { date: value }));
        else if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
          findings.push(makeFinding('TYPE_MISMATCH_DATE', at(valuePath(i))));
        }
        return;
      case 'Binary':
        if (!BASE64.test(value)) findings.push(makeFinding('TYPE_MISMATCH_STRING', at(valuePath(i)), { operator: clause.operator }));
        return;
      case 'Ip': {
        const cidr = parseCidr(value);
        if (cidr === undefined) {
          findings.push(makeFinding('TYPE_MISMATCH_IP_RANGE', at(valuePath(i)), { operator: clause.operator }));
          return;
        }
        const better = normalizedCidr(cidr);
        if (better !== undefined) findings.push(makeFinding('IMPROVE_IP_RANGE', at(valuePath(i)), { addr: better }));
        return;
      }
      case 'String':
        if (!spec.base.endsWith('Like') && /[*?]/.test(value.replace(/\$\{[^}]*\}/g, ''))) {
          findings.push(makeFinding('WILDCARD_WITHOUT_LIKE_OPERATOR', at(valuePath(i))));
        }
        findings.push(...checkStringValue(ctx, statement, clause, value, i));
        return;
      case 'Arn':
        return;
      default: {
        const never: never = spec.family;
        return never;
      }
    }
  });

  if (spec.family === 'Bool' && !multivalued && clause.values.length > 1) {
    findings.push(makeFinding('INVALID_CONDITION_MULTIPLE_BOOLEAN', at(conditionValuePath(policy, statement, clause))));
  }
  if (spec.family === 'Ip' && keyLower === 'aws:sourceip') findings.push(...checkPrivateSourceIp(ctx, statement, clause, spec));
  if (spec.family === 'Numeric' && spec.qualifier === undefined) {
    findings.push(...checkRedundantNumbers(ctx, statement, clause, spec));
  }
  if ((spec.base === 'StringLike' || spec.base === 'StringNotLike') && spec.qualifier === undefined && clause.values.includes('*')) {
    findings.push(
      makeFinding(
        spec.base === 'StringLike' ? 'REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION' : 'REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION',
        at(conditionKeyPath(policy, statement, clause)),
        { key: clause.key, operator: clause.operator },
      ),
    );
  }
  return findings;
}

/** Value formats of particular keys. */
function checkStringValue(
  ctx: AnalysisContext,
  statement: Statement,
  clause: ConditionClause,
  value: string,
  i: number,
): Finding[] {
  const path = conditionValuePath(ctx.policy, statement, clause, i);
  if (/[*?]|\$\{/.test(value)) return [];
  switch (clause.key.toLowerCase()) {
    // "Use the prefix 'vpc-' followed by 8 or 17 alphanumeric characters."
    case 'aws:sourcevpc':
      return /^vpc-([a-z0-9]{8}|[a-z0-9]{17})$/.test(value) ? [] : [makeFinding('INVALID_VPC_FORMAT', at(path))];
    case 'aws:sourcevpce':
      return /^vpce-([a-z0-9]{8}|[a-z0-9]{17})$/.test(value) ? [] : [makeFinding('INVALID_VPCE_FORMAT', at(path))];
    case 'iam:passedtoservice':
    case 'aws:principalservicename':
    case 'aws:principalservicenameslist':
      return isServicePrincipal(value)
        ? []
        : [makeFinding('INVALID_SERVICE_PRINCIPAL_FORMAT', at(path), { expectedFormat: 'service-name.amazonaws.com' })];
    default:
      return [];
  }
}

/** aws:SourceIp carries only public addresses ("AWS global condition context keys", aws:SourceIp). */
function checkPrivateSourceIp(ctx: AnalysisContext, statement: Statement, clause: ConditionClause, spec: OperatorSpec): Finding[] {
  const cidrs = clause.values.map((v) => parseCidr(v)).filter((c) => c !== undefined);
  if (cidrs.length === 0) return [];
  const privateCount = cidrs.filter((c) => isPrivateCidr(c)).length;
  if (privateCount === 0) return [];
  const negated = spec.base === 'NotIpAddress';
  const path = at(conditionKeyPath(ctx.policy, statement, clause));
  if (privateCount === cidrs.length) return [makeFinding(negated ? 'PRIVATE_NOT_IP_ADDRESS' : 'PRIVATE_IP_ADDRESS', path)];
  return [makeFinding(negated ? 'PRIVATE_NOT_IP_ADDRESS_SUBSET' : 'PRIVATE_IP_ADDRESS_SUBSET', path)];
}

/** Several values of a less-than (greater-than) comparison reduce to the greatest (least) of them. */
function checkRedundantNumbers(ctx: AnalysisContext, statement: Statement, clause: ConditionClause, spec: OperatorSpec): Finding[] {
  const less = spec.base === 'NumericLessThan' || spec.base === 'NumericLessThanEquals';
  const greater = spec.base === 'NumericGreaterThan' || spec.base === 'NumericGreaterThanEquals';
  if ((!less && !greater) || clause.values.length < 2 || !clause.values.every((v) => NUMBER.test(v))) return [];
  return [
    makeFinding('REDUNDANT_CONDITION_VALUE_NUM', at(conditionValuePath(ctx.policy, statement, clause)), {
      operator: clause.operator,
      'greatest/least': less ? 'greatest' : 'least',
      key: clause.key,
    }),
  ];
}
