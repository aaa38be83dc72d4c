// How long a session lives. STS API Reference, "AssumeRole" / "AssumeRoleWithWebIdentity"
// (DurationSeconds: 900 up to the role's MaxSessionDuration, default 3600) and IAM User Guide, "Methods
// to assume a role" (role chaining limits a session to one hour); "GetSessionToken" (900-129600 seconds,
// default 43200; sessions of the account root are limited to 3600, and a longer request gets 3600).
import { awsError } from '../aws/index.ts';

/** The default role session: one hour. */
export const DEFAULT_ROLE_SESSION_SECONDS = 3600;
/** Role chaining caps a session at one hour. */
export const ROLE_CHAINING_LIMIT_SECONDS = 3600;

/** The duration of a role session; ValidationError when the request asks for more than allowed. */
export function roleSessionDuration(requested: number | undefined, maxSessionDuration: number, chained: boolean): number {
  const seconds = requested ?? DEFAULT_ROLE_SESSION_SECONDS;
  if (chained && seconds > ROLE_CHAINING_LIMIT_SECONDS) {
    throw awsError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  if (seconds > maxSessionDuration) {
    throw awsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  return seconds;
}

const SESSION_TOKEN_DEFAULT_SECONDS = 43200;
const ROOT_SESSION_LIMIT_SECONDS = 3600;

/** The duration of a GetSessionToken session (the range 900-129600 is the request shape's). */
export function sessionTokenDuration(requested: number | undefined, isRoot: boolean): number {
  if (isRoot) return Math.min(requested ?? ROOT_SESSION_LIMIT_SECONDS, ROOT_SESSION_LIMIT_SECONDS);
  return requested ?? SESSION_TOKEN_DEFAULT_SECONDS;
}
