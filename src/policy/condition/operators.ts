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

const BASES: ReadonlySet<string> = new Set<string>(BASE_OPERATORS);

function isBaseOperator(name: string): name is BaseOperator {
  return BASES.has(name);
}

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
 * IAM does not know. Names are case-sensitive, as IAM reads them: it refuses `stringEquals` with
 * "Invalid Condition type : stringEquals" (observed IAM API behaviour, MalformedPolicyDocument on
 * CreateRole). `Null` takes no `IfExists` suffix ("...IfExists condition operators": "You can add
 * IfExists to the end of any condition operator name except the Null condition").
 */
export function parseOperator(written: string): OperatorSpec | undefined {
  let rest = written;
  let qualifier: SetQualifier;
  if (rest.startsWith('ForAllValues:')) qualifier = 'ForAllValues';
  else if (rest.startsWith('ForAnyValue:')) qualifier = 'ForAnyValue';
  if (qualifier !== undefined) rest = rest.slice(qualifier.length + 1);
  let ifExists = false;
  if (!isBaseOperator(rest) && rest.endsWith('IfExists')) {
    rest = rest.slice(0, -'IfExists'.length);
    ifExists = true;
  }
  if (!isBaseOperator(rest) || (ifExists && rest === 'Null')) return undefined;
  return { written, base: rest, family: familyOf(rest), qualifier, ifExists, negated: NEGATED.has(rest) };
}

/**
 * Policy variables are substituted only in the String and Arn operator families ("IAM policy elements:
 * Variables and tags": "You can't use a policy variable with other operators, such as Numeric, Date,
 * Boolean, Binary, IP Address, or Null operators"; IAM Access Analyzer's "Invalid variable for operator"
 * says the same). The "Condition operators" page's line that Bool takes variables contradicts both.
 */
export function allowsPolicyVariables(spec: OperatorSpec): boolean {
  return spec.family === 'String' || spec.family === 'Arn';
}
