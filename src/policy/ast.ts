// The IAM policy language as typed values: what a parsed policy document is.
// IAM User Guide, "IAM JSON policy element reference" and "Grammar of the IAM JSON policy language".

/** The `Version` element; absent means the 2008-10-17 rules apply (no policy variables). */
export type PolicyVersion = '2012-10-17' | '2008-10-17';

/** The kinds of policy AWS validates differently (the Access Analyzer `policyType` plus the ones it folds in). */
export type PolicyType =
  | 'IDENTITY_POLICY'
  | 'RESOURCE_POLICY'
  | 'TRUST_POLICY'
  | 'SERVICE_CONTROL_POLICY'
  | 'RESOURCE_CONTROL_POLICY'
  | 'SESSION_POLICY'
  | 'PERMISSIONS_BOUNDARY';

/** The `Effect` element. */
export type Effect = 'Allow' | 'Deny';

/**
 * The principals a `Principal` or `NotPrincipal` element names, by type.
 * `"Principal": "*"` sets `wildcard`; `{"AWS": "*"}` puts `*` in `aws`.
 */
export interface PrincipalSet {
  readonly wildcard: boolean;
  readonly aws: readonly string[];
  readonly federated: readonly string[];
  readonly service: readonly string[];
  readonly canonicalUser: readonly string[];
}

/** `Principal` or `NotPrincipal`, with what it names. */
export interface PrincipalElement {
  readonly kind: 'Principal' | 'NotPrincipal';
  readonly principals: PrincipalSet;
}

/** `Action` or `NotAction`, values as written (matching is case-insensitive). */
export interface ActionElement {
  readonly kind: 'Action' | 'NotAction';
  readonly values: readonly string[];
}

/** `Resource` or `NotResource`, values as written (matching is case-sensitive). */
export interface ResourceElement {
  readonly kind: 'Resource' | 'NotResource';
  readonly values: readonly string[];
}

/**
 * One operator/key pair of a `Condition` block: `{"StringEquals": {"aws:username": ["a", "b"]}}`
 * gives `{operator: 'StringEquals', key: 'aws:username', values: ['a', 'b']}`.
 * JSON numbers and booleans are kept as their string form ("true", "10"), as IAM compares them.
 */
export interface ConditionClause {
  /** The operator as written, with any `ForAllValues:`/`ForAnyValue:` prefix and `IfExists` suffix. */
  readonly operator: string;
  /** The condition key as written; keys compare case-insensitively. */
  readonly key: string;
  readonly values: readonly string[];
}

/** One statement. `index` is its position in the document (0-based). */
export interface Statement {
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly principal?: PrincipalElement;
  readonly action: ActionElement;
  readonly resource?: ResourceElement;
  readonly conditions: readonly ConditionClause[];
}

/** A parsed, syntactically valid policy document. */
export interface PolicyDocument {
  /** The `Version` as written; `undefined` when the document has none. */
  readonly version?: PolicyVersion;
  readonly id?: string;
  readonly statements: readonly Statement[];
  /** True when `Statement` was a single object rather than an array. */
  readonly singleStatement: boolean;
}

/** The element of a statement that an error or finding points at. */
export type PolicyElementName =
  | 'Version'
  | 'Id'
  | 'Statement'
  | 'Sid'
  | 'Effect'
  | 'Principal'
  | 'NotPrincipal'
  | 'Action'
  | 'NotAction'
  | 'Resource'
  | 'NotResource'
  | 'Condition'
  | 'Policy';
