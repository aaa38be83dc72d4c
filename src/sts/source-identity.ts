// Source identity. IAM User Guide, "Monitor and control actions taken with assumed roles": a value of
// 2-64 characters from `[\w+=,.@-]`, not starting with `aws:` (reserved); once set it persists across
// chained role sessions and cannot be changed; setting it needs `sts:SetSourceIdentity` in the role's
// trust policy (and, for AssumeRole, in the caller's identity policies).
import { awsError, validationError } from '../aws/index.ts';

const PATTERN = /^[\w+=,.@-]*$/;

/** Checks a source identity value (the request parameter's shape, or a token's claim); throws ValidationError. */
export function checkSourceIdentity(value: string): string {
  const length = [...value].length;
  if (length < 2 || length > 64 || !PATTERN.test(value)) {
    const constraint =
      length < 2
        ? 'Member must have length greater than or equal to 2'
        : length > 64
          ? 'Member must have length less than or equal to 64'
          : 'Member must satisfy regular expression pattern: [\\w+=,.@-]*';
    throw validationError([{ path: 'sourceIdentity', value, constraint }]);
  }
  // podiam's wording: AWS documents the reservation, not its error text.
  if (value.toLowerCase().startsWith('aws:')) throw awsError('ValidationError', 'SourceIdentity may not begin with aws:, which is reserved for AWS use.');
  return value;
}

/** The source identity of a new session: the caller's, which cannot change, or the requested one. */
export function sessionSourceIdentity(requested: string | undefined, inherited: string | undefined): string | undefined {
  if (requested === undefined) return inherited;
  checkSourceIdentity(requested);
  if (inherited !== undefined && inherited !== requested) {
    // podiam's wording: AWS documents that the value cannot be changed, not its error text.
    throw awsError('ValidationError', 'The source identity of a role session cannot be changed: the calling session already set it.');
  }
  return requested;
}
