// Checks on condition operators and how they fit their keys.
// IAM policy validation check reference: "Error – Invalid condition operator", "Error – Null with if exists",
// "Suggestion – Null with qualifier", "Security Warning – ForAllValues with single valued key", "Security
// Warning – ForAnyValue with audience claim type", "Error – Missing qualifier", "General Warning – Type
// mismatch", "Security Warning – String like operator with ARN condition keys", "Suggestion – Empty array
// condition", "... ForAllValues", "... ForAnyValue", "... IfExists".
// IAM User Guide, "Single-valued vs. multivalued context keys": set operators belong with multivalued keys only.
import type { ConditionClause, Statement } from '../../ast.ts';
import { parseOperator, type OperatorFamily, type OperatorSpec } from '../../condition/operators.ts';
import { classifyConditionKey, isMultivalued, oidcProviderNames, type ConditionKeyInfo } from '../condition-key.ts';
import type { AnalysisContext } from '../context.ts';
import type { Finding } from '../finding.ts';
import { makeFinding } from '../issues.ts';
import { at, conditionKeyPath, conditionOperatorPath, conditionValuePath } from '../paths.ts';
import type { ConditionKeyType } from '../service-catalog.ts';

/** Operator checks for every condition of one statement. */
export function checkConditionOperators(ctx: AnalysisContext, statement: Statement): Finding[] {
  const providers = oidcProviderNames(ctx.policy);
  const findings: Finding[] = [];
  const reportedOperators = new Set<string>();
  for (const clause of statement.conditions) {
    const spec = parseOperator(clause.operator);
    if (spec === undefined) {
      if (reportedOperators.has(clause.operator)) continue;
      reportedOperators.add(clause.operator);
      const withoutQualifier = clause.operator.replace(/^for(all|any)values?:/i, '').toLowerCase();
      findings.push(
        withoutQualifier === 'nullifexists'
          ? makeFinding('NULL_WITH_IF_EXISTS', at(conditionOperatorPath(ctx.policy, statement, clause)))
          : makeFinding('INVALID_CONDITION_OPERATOR', at(conditionOperatorPath(ctx.policy, statement, clause)), {
              operator: clause.operator,
            }),
      );
      continue;
    }
    const info = classifyConditionKey(clause.key, ctx.catalog, providers);
    findings.push(...checkClause(ctx, statement, clause, spec, info));
  }
  return findings;
}

function checkClause(
  ctx: AnalysisContext,
  statement: Statement,
  clause: ConditionClause,
  spec: OperatorSpec,
  info: ConditionKeyInfo,
): Finding[] {
  const { policy } = ctx;
  const keyPath = conditionKeyPath(policy, statement, clause);
  const findings: Finding[] = [];

  if (clause.values.length === 0) {
    const code =
      spec.qualifier === 'ForAllValues'
        ? 'EMPTY_ARRAY_CONDITION_FORALLVALUES'
        : spec.qualifier === 'ForAnyValue'
          ? 'EMPTY_ARRAY_CONDITION_FORANYVALUE'
          : spec.ifExists
            ? 'EMPTY_ARRAY_CONDITION_IFEXISTS'
            : 'EMPTY_ARRAY_CONDITION';
    findings.push(makeFinding(code, at(conditionValuePath(policy, statement, clause)), { key: clause.key }));
  }

  if (spec.base === 'Null') {
    if (spec.qualifier !== undefined) findings.push(makeFinding('NULL_WITH_QUALIFIER', at(keyPath)));
    return findings;
  }
  if (info.kind === 'invalid') return findings;

  const multivalued = isMultivalued(info);
  if (spec.qualifier === 'ForAllValues' && !multivalued) {
    findings.push(makeFinding('FORALLVALUES_WITH_SINGLE_VALUED_KEY', at(keyPath), { key: clause.key }));
  } else if (spec.qualifier === 'ForAnyValue' && info.kind === 'claim' && info.claim.toLowerCase() === 'aud' && !multivalued) {
    findings.push(makeFinding('FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE', at(keyPath), { key: clause.key }));
  } else if (spec.qualifier === undefined && multivalued) {
    findings.push(makeFinding('MISSING_QUALIFIER', at(keyPath), { key: clause.key }));
  }

  const allowed = allowedFamilies(info.types);
  if (allowed.length > 0 && !allowed.includes(spec.family)) {
    findings.push(
      makeFinding('TYPE_MISMATCH', at(keyPath), {
        allowed: familyName(allowed[0] ?? 'String'),
        operator: clause.operator,
        key: clause.key,
      }),
    );
  } else if (
    (spec.base === 'StringLike' || spec.base === 'StringNotLike') &&
    info.types.some((t) => t === 'ARN' || t === 'ArrayOfARN')
  ) {
    // "AWS recommends that you use ARN operators instead of string operators when comparing ARNs."
    findings.push(
      makeFinding('STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS', at(keyPath), {
        allowed: 'ARN',
        operator: clause.operator,
        key: clause.key,
      }),
    );
  }
  return findings;
}

/** The operator families a key's types accept; empty when any is accepted. ARNs accept String operators too. */
function allowedFamilies(types: readonly ConditionKeyType[]): OperatorFamily[] {
  const out = new Set<OperatorFamily>();
  for (const type of types) {
    switch (type.replace(/^ArrayOf/, '')) {
      case 'String':
        out.add('String');
        break;
      case 'ARN':
        out.add('Arn').add('String');
        break;
      case 'Numeric':
        out.add('Numeric');
        break;
      case 'Date':
        out.add('Date');
        break;
      case 'Bool':
        out.add('Bool');
        break;
      case 'IPAddress':
        out.add('Ip');
        break;
      case 'Binary':
        out.add('Binary');
        break;
      default:
        return [];
    }
  }
  return [...out];
}

function familyName(family: OperatorFamily): string {
  switch (family) {
    case 'String':
      return 'String';
    case 'Arn':
      return 'ARN';
    case 'Numeric':
      return 'Numeric';
    case 'Date':
      return 'Date';
    case 'Bool':
      return 'Bool';
    case 'Ip':
      return 'IPAddress';
    case 'Binary':
      return 'Binary';
    case 'Null':
      return 'Null';
    default: {
      const never: never = family;
      return never;
    }
  }
}
