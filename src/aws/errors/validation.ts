// The constraint-violation message AWS's request validation returns, e.g. (STS AssumeRole):
//   1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint:
//   Member must have value less than or equal to 43200
// Several violations are joined with "; " after "N validation errors detected: ".

import { awsError, type AwsError } from './aws-error.ts';
import type { AwsErrorCode } from './catalogue.ts';

/** One failed constraint: where (AWS's lowerCamel member path), the value as AWS renders it, and the rule. */
export interface ConstraintViolation {
  /** e.g. `roleSessionName`, `tags.1.member.key`. */
  readonly path: string;
  /** The offending value; `null` when the member is missing. */
  readonly value: string | null;
  /** e.g. `Member must have length less than or equal to 64`. */
  readonly constraint: string;
}

/** The message for a set of violations, exactly as AWS words it. */
export function validationMessage(violations: readonly ConstraintViolation[]): string {
  const n = violations.length;
  const head = `${n} validation error${n === 1 ? '' : 's'} detected: `;
  return head + violations.map(renderViolation).join('; ');
}

function renderViolation(v: ConstraintViolation): string {
  const value = v.value === null ? 'null' : `'${v.value}'`;
  return `Value ${value} at '${v.path}' failed to satisfy constraint: ${v.constraint}`;
}

/**
 * The error for failed constraints: `ValidationError` for Query services (IAM, STS), or another
 * code where the service's model says so (`ValidationException`, `InvalidInputException`).
 */
export function validationError(
  violations: readonly ConstraintViolation[],
  code: AwsErrorCode = 'ValidationError',
): AwsError {
  return awsError(code, validationMessage(violations));
}
