// What a refused policy document looks like: AWS's error code and text, plus where and why.
// The code and message are the ones the AWS API returns; `issue` is podiam's stable identifier for the
// rule that failed, so callers branch on it rather than on message text.

import type { PolicyElementName } from '../ast.ts';

/**
 * The error codes AWS returns for a policy it refuses:
 * - IAM (CreatePolicy, Put*Policy, CreateRole, UpdateAssumeRolePolicy): `MalformedPolicyDocument` (400),
 *   `LimitExceeded` (409) — IAM API Reference, "Common Errors" and each operation's "Errors".
 * - Organizations (CreatePolicy/UpdatePolicy for SCPs and RCPs): `MalformedPolicyDocumentException` (400),
 *   `ConstraintViolationException` (400, reason POLICY_CONTENT_LIMIT_EXCEEDED) — Organizations API Reference.
 * - STS (AssumeRole* `Policy` parameter): `MalformedPolicyDocument` (400), `ValidationError` (400) for the
 *   parameter's length constraint — STS API Reference, "AssumeRole".
 */
export type PolicyErrorCode =
  | 'MalformedPolicyDocument'
  | 'LimitExceeded'
  | 'MalformedPolicyDocumentException'
  | 'ConstraintViolationException'
  | 'ValidationError';

/** Which rule a document broke. Stable: tests and callers branch on these. */
export type PolicyIssue =
  | 'JSON_SYNTAX'
  | 'DUPLICATE_JSON_KEY'
  | 'NOT_AN_OBJECT'
  | 'UNKNOWN_ELEMENT'
  | 'WRONG_TYPE'
  | 'EMPTY_VALUE'
  | 'INVALID_VERSION'
  | 'VERSION_REQUIRED'
  | 'MISSING_STATEMENT'
  | 'MISSING_EFFECT'
  | 'INVALID_EFFECT'
  | 'EFFECT_NOT_SUPPORTED'
  | 'INVALID_SID'
  | 'DUPLICATE_SID'
  | 'MISSING_ACTION'
  | 'ACTION_AND_NOT_ACTION'
  | 'ACTION_MISSING_VENDOR'
  | 'ACTION_TOO_MANY_COLONS'
  | 'ACTION_INVALID_VENDOR'
  | 'TRUST_POLICY_ACTION'
  | 'ELEMENT_NOT_SUPPORTED'
  | 'MISSING_RESOURCE'
  | 'RESOURCE_AND_NOT_RESOURCE'
  | 'RESOURCE_PROHIBITED'
  | 'RESOURCE_NOT_ARN'
  | 'RESOURCE_INVALID_PARTITION'
  | 'RESOURCE_VENDOR_NOT_QUALIFIED'
  | 'RESOURCE_REGION_NOT_ALLOWED'
  | 'RESOURCE_INVALID_IAM_PATH'
  | 'RESOURCE_LEGACY_PARSE'
  | 'PRINCIPAL_PROHIBITED'
  | 'MISSING_PRINCIPAL'
  | 'PRINCIPAL_AND_NOT_PRINCIPAL'
  | 'EMPTY_PRINCIPAL'
  | 'INVALID_PRINCIPAL'
  | 'UNKNOWN_CONDITION_OPERATOR'
  | 'INVALID_DATE_VALUE'
  | 'VARIABLE_NOT_SUPPORTED_IN_ELEMENT'
  | 'VARIABLE_NOT_SUPPORTED_FOR_OPERATOR'
  | 'SET_OPERATOR_ON_SINGLE_VALUED_KEY'
  | 'POLICY_TOO_LARGE';

/** One reason a policy document was refused. */
export interface PolicyError {
  readonly code: PolicyErrorCode;
  /** The HTTP status AWS answers with for `code`. */
  readonly httpStatus: number;
  /** AWS's own message for this refusal (podiam's where AWS itself accepts the document; see `awsRejects`). */
  readonly message: string;
  readonly issue: PolicyIssue;
  /**
   * True when AWS's API refuses such a document. False when AWS stores it and only IAM Access Analyzer
   * reports it (podiam refuses it all the same: fail closed).
   */
  readonly awsRejects: boolean;
  /** The statement's position in the document (0-based), for errors inside a statement. */
  readonly statementIndex?: number;
  /** The statement's `Sid`, when it has one. */
  readonly sid?: string;
  readonly element?: PolicyElementName;
  /** Organizations' `ConstraintViolationException` reason. */
  readonly reason?: string;
  /** Internal detail (the offending key or value); for logs, never sent to a client. */
  readonly detail?: string;
}

/** Where in a document an error sits. */
export interface ErrorPlace {
  readonly statementIndex?: number;
  readonly sid?: string;
  readonly element?: PolicyElementName;
  readonly detail?: string;
}

/** IAM's text for any document its JSON parser or grammar check refuses (IAM API Reference, MalformedPolicyDocument). */
export const SYNTAX_ERRORS_MESSAGE = 'Syntax errors in policy.';

/** IAM's text for a document that passes the grammar but fails its legacy (value) parser. */
export const LEGACY_PARSE_MESSAGE = 'The policy failed legacy parsing';

/** Organizations' text for an SCP or RCP that breaks the policy type's syntax (Organizations API Reference, CreatePolicy). */
export const ORGANIZATIONS_MALFORMED_MESSAGE =
  'The provided policy document does not meet the requirements of the specified policy type.';
