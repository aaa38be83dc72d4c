// One operator/key pair of a Condition block, compiled into a test of the request context.
// IAM User Guide:
// - "IAM JSON policy elements: Condition operators": "If the key that you specify in a policy condition
//   is not present in the request context, the values do not match and the condition is false. If the
//   policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the
//   right key is not present, the condition is true. This logic applies to all condition operators
//   except ...IfExists and Null check."
// - "...IfExists condition operators": "If the key is not present, evaluate the condition element as
//   true." IfExists may follow any operator but Null, set-qualified ones included.
// - "Condition operator to check existence of condition keys": `Null` `true` means the key is absent,
//   `false` that it is present and not null.
// - "Conditions with multiple context keys or values": several values are ORed, NORed for a negated
//   operator.
// - "Single-valued vs. multivalued context keys" (set operators): ForAllValues "returns true if every
//   context key value in the request matches a context key value in the policy. It also returns true if
//   there are no context keys in the request"; ForAnyValue returns true if any request value matches,
//   and false "for no matching context key or if the key does not exist". "If the key values in the
//   request resolve to an empty data set (for example, an empty string), a condition operator modified
//   by ForAllValues returns true, and a condition operator modified by ForAnyValue returns false."
//   A negated operator under a qualifier applies per request value: `ForAllValues:StringNotLike
//   {"aws:TagKeys": "key1*"}` holds when no tag key starts with key1, and when there are none
//   ("Multivalued context key examples"). A single-valued key under a qualifier is a one-value set.
// - A multivalued request value (an array) under an operator with no set qualifier does not match,
//   whatever the operator and whatever the number of values: "Multivalued context keys require a
//   condition set operator" (Single-valued vs. multivalued context keys). The guide does not say what a
//   bare operator does with one; AWS is reported to match nothing (a bare StringEquals on aws:CalledVia
//   denied where ForAnyValue:StringEquals allowed the same call), and iam-simulate does the same, for
//   negated operators too. An empty array counts as an absent key, as the Null operator sees it
//   ("context keys with empty values").
import type { ConditionClause, PolicyVersion } from '../ast.ts';
import type { RequestContext } from '../context.ts';
import { compileArnValues } from './arn-values.ts';
import { compileBinaryValues } from './binary-values.ts';
import { compileBoolValues } from './bool-values.ts';
import { readDate } from './date-value.ts';
import { compileIpValues } from './ip-values.ts';
import { MATCH, NO_MATCH, type CompiledValues, type ValueMatcher } from './match-result.ts';
import { readNumber } from './numeric-value.ts';
import { parseOperator, type BaseOperator, type OperatorSpec } from './operators.ts';
import { compileOrderedValues, type Ordering } from './ordered-values.ts';
import { compileStringValues } from './string-values.ts';

/** One compiled operator/key pair. */
export interface CompiledCondition {
  readonly clause: ConditionClause;
  readonly spec: OperatorSpec;
  /** The condition key, lower case. */
  readonly key: string;
  /** The key plus the keys that policy variables in the values reference (lower case). */
  readonly keys: readonly string[];
  /** True when the request context satisfies the condition. */
  test(ctx: RequestContext): boolean;
}

/** The codes a condition can fail to compile with. */
export type ConditionErrorCode = 'UNKNOWN_CONDITION_OPERATOR';

/** A condition that cannot be compiled: the parser refuses these, so this is a programming error. */
export class ConditionCompileError extends Error {
  readonly code: ConditionErrorCode;
  readonly operator: string;

  constructor(code: ConditionErrorCode, operator: string) {
    super(`Invalid Condition type : ${operator}`);
    this.name = 'ConditionCompileError';
    this.code = code;
    this.operator = operator;
  }
}

type ContextTest = (ctx: RequestContext) => boolean;

function orderingOf(base: BaseOperator): Ordering {
  if (base.endsWith('LessThan')) return 'lt';
  if (base.endsWith('LessThanEquals')) return 'le';
  if (base.endsWith('GreaterThan')) return 'gt';
  if (base.endsWith('GreaterThanEquals')) return 'ge';
  return 'eq';
}

/** The policy values compiled for the operator's family, in the positive operator's sense. */
function compileValues(spec: OperatorSpec, values: readonly string[], version: PolicyVersion | undefined): CompiledValues {
  switch (spec.family) {
    case 'String':
      return compileStringValues(spec.base, values, version);
    case 'Numeric':
      return compileOrderedValues(orderingOf(spec.base), values, readNumber);
    case 'Date':
      return compileOrderedValues(orderingOf(spec.base), values, readDate);
    case 'Bool':
      return compileBoolValues(values);
    case 'Binary':
      return compileBinaryValues(values);
    case 'Ip':
      return compileIpValues(values);
    case 'Arn':
      return compileArnValues(values, version);
    case 'Null':
      // Null never reaches here (nullTest); its values are not compared with request values.
      return { match: () => NO_MATCH, keys: [] };
    default: {
      const unreachable: never = spec.family;
      return unreachable;
    }
  }
}

/** The Null operator: `true` holds when the key is absent (or has no values), `false` when present. */
function nullTest(key: string, values: readonly string[]): ContextTest {
  const lower = values.map((value) => value.toLowerCase());
  const whenAbsent = lower.includes('true');
  const whenPresent = lower.includes('false');
  return (ctx) => {
    const raw = ctx.getLower(key);
    const absent = raw === undefined || (typeof raw !== 'string' && raw.length === 0);
    return absent ? whenAbsent : whenPresent;
  };
}

/** No set qualifier: one single-valued request value. */
function bareTest(key: string, match: ValueMatcher, negated: boolean, ifExists: boolean): ContextTest {
  const whenAbsent = negated || ifExists;
  if (negated) {
    return (ctx) => {
      const raw = ctx.getLower(key);
      if (typeof raw === 'string') return match(raw, ctx) === NO_MATCH;
      return raw === undefined || raw.length === 0 ? whenAbsent : false;
    };
  }
  return (ctx) => {
    const raw = ctx.getLower(key);
    if (typeof raw === 'string') return match(raw, ctx) === MATCH;
    return raw === undefined || raw.length === 0 ? whenAbsent : false;
  };
}

/** `ForAllValues:`: every request value satisfies the operator; true when there are none. */
function forAllValuesTest(key: string, match: ValueMatcher, negated: boolean): ContextTest {
  const wanted = negated ? NO_MATCH : MATCH;
  return (ctx) => {
    const raw = ctx.getLower(key);
    if (raw === undefined) return true;
    if (typeof raw === 'string') return raw === '' || match(raw, ctx) === wanted;
    for (const value of raw) if (match(value, ctx) !== wanted) return false;
    return true;
  };
}

/** `ForAnyValue:`: some request value satisfies the operator; false when there are none. */
function forAnyValueTest(key: string, match: ValueMatcher, negated: boolean, ifExists: boolean): ContextTest {
  const wanted = negated ? NO_MATCH : MATCH;
  return (ctx) => {
    const raw = ctx.getLower(key);
    if (raw === undefined) return ifExists;
    if (typeof raw === 'string') return raw !== '' && match(raw, ctx) === wanted;
    if (raw.length === 0) return ifExists;
    for (const value of raw) if (match(value, ctx) === wanted) return true;
    return false;
  };
}

/** Compiles one operator/key pair. Throws ConditionCompileError for an operator IAM does not know. */
export function compileCondition(clause: ConditionClause, version: PolicyVersion | undefined): CompiledCondition {
  const spec = parseOperator(clause.operator);
  if (spec === undefined) throw new ConditionCompileError('UNKNOWN_CONDITION_OPERATOR', clause.operator);
  const key = clause.key.toLowerCase();
  if (spec.family === 'Null') {
    return { clause, spec, key, keys: [key], test: nullTest(key, clause.values) };
  }
  const values = compileValues(spec, clause.values, version);
  const keys = [...new Set([key, ...values.keys])];
  let test: ContextTest;
  switch (spec.qualifier) {
    case undefined:
      test = bareTest(key, values.match, spec.negated, spec.ifExists);
      break;
    case 'ForAllValues':
      test = forAllValuesTest(key, values.match, spec.negated);
      break;
    case 'ForAnyValue':
      test = forAnyValueTest(key, values.match, spec.negated, spec.ifExists);
      break;
    default: {
      const unreachable: never = spec.qualifier;
      test = unreachable;
    }
  }
  return { clause, spec, key, keys, test };
}
