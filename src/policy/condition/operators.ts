// The condition operators IAM knows, and how an operator name as written breaks down.
// IAM User Guide, "IAM JSON policy elements: Condition operators" and
// "Set operators for multivalued context keys".

/** The base operators, without set prefixes or the IfExists suffix. */
export const BASE_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
] as const;

/** A base operator name. */
export type BaseOperator = (typeof BASE_OPERATORS)[number];

/** The family an operator belongs to; it decides how values are read and compared. */
export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'Ip' | 'Arn' | 'Null';

/** `ForAllValues:` / `ForAnyValue:` qualifier, or none. */
export type SetQualifier = 'ForAllValues' | 'ForAnyValue' | undefined;

/** An operator as written in a policy, broken into its parts. */
export interface OperatorSpec {
  readonly written: string;
  readonly base: BaseOperator;
  readonly family: OperatorFamily;
  readonly qualifier: SetQualifier;
  readonly ifExists: boolean;
  /** True for the negated operators (StringNotEquals, NotIpAddress, ArnNotLike, ...). */
  readonly negated: boolean;
}

const baseByLower = new Map<string, BaseOperator>(BASE_OPERATORS.map((op) => [op.toLowerCase(), op]));

const NEGATED: ReadonlySet<BaseOperator> = new Set<BaseOperator>([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'NotIpAddress',
  'ArnNotEquals',
  'ArnNotLike',
]);

function familyOf(base: BaseOperator): OperatorFamily {
  if (base.startsWith('String')) return 'String';
  if (base.startsWith('Numeric')) return 'Numeric';
  if (base.startsWith('Date')) return 'Date';
  if (base.startsWith('Arn')) return 'Arn';
  if (base === 'Bool') return 'Bool';
  if (base === 'BinaryEquals') return 'Binary';
  if (base === 'Null') return 'Null';
  return 'Ip';
}

/**
 * Reads an operator name as written (`ForAnyValue:StringLikeIfExists`). Returns undefined for a name
 * IAM does not know. Operator names are matched case-insensitively, as IAM accepts them;
 * `Null` takes no `IfExists` suffix.
 */
export function parseOperator(written: string): OperatorSpec | undefined {
  let rest = written;
  let qualifier: SetQualifier;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon).toLowerCase();
    if (prefix === 'forallvalues') qualifier = 'ForAllValues';
    else if (prefix === 'foranyvalue') qualifier = 'ForAnyValue';
    else return undefined;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  let base = baseByLower.get(rest.toLowerCase());
  if (base === undefined && rest.toLowerCase().endsWith('ifexists')) {
    base = baseByLower.get(rest.slice(0, -'ifexists'.length).toLowerCase());
    ifExists = true;
    if (base === 'Null') return undefined;
  }
  if (base === undefined) return undefined;
  return { written, base, family: familyOf(base), qualifier, ifExists, negated: NEGATED.has(base) };
}

/** Policy variables are substituted only in the String and Arn operator families. */
export function allowsPolicyVariables(spec: OperatorSpec): boolean {
  return spec.family === 'String' || spec.family === 'Arn';
}
