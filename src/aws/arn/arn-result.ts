// The outcome of parsing or building an ARN or a name: the typed value, or the error IAM/STS return.

import { awsError, type AwsError } from '../errors/index.ts';

/** A parsed value or the AWS error for the input. */
export type ArnResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AwsError };

/**
 * Whose wording a malformed ARN gets: IAM says `InvalidInput: ARN x is not valid.`; STS says
 * `ValidationError: Request ARN is invalid` (e.g. AssumeRoleWithWebIdentity given a provider ARN).
 */
export type ArnErrorStyle = 'iam' | 'sts';

/** The error for an ARN that is not of the expected kind. */
export function invalidArn(text: string, style: ArnErrorStyle): AwsError {
  switch (style) {
    case 'iam':
      return awsError('InvalidInput', `ARN ${text} is not valid.`);
    case 'sts':
      return awsError('ValidationError', 'Request ARN is invalid');
    default: {
      const never: never = style;
      return never;
    }
  }
}

export function ok<T>(value: T): ArnResult<T> {
  return { ok: true, value };
}

export function fail<T>(error: AwsError): ArnResult<T> {
  return { ok: false, error };
}
