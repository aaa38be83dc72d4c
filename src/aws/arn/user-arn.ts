// IAM user ARNs: arn:partition:iam::account-id:user/path/user-name.

import { validationError, type ConstraintViolation } from '../errors/index.ts';
import type { AccountId } from './account-id.ts';
import { AWS_PARTITION, type Partition } from './arn-parts.ts';
import { fail, invalidArn, ok, type ArnErrorStyle, type ArnResult } from './arn-result.ts';
import { nameViolations, PATH, USER_NAME } from './iam-names.ts';
import { readIamPathArn, writeIamPathArn } from './iam-path-arn.ts';

/** A user ARN, parsed once. */
export interface UserArn {
  readonly kind: 'user';
  readonly partition: Partition;
  readonly accountId: AccountId;
  readonly path: string;
  readonly name: string;
  readonly arn: string;
}

/** Parses a user ARN. */
export function parseUserArn(text: string, style: ArnErrorStyle = 'iam'): ArnResult<UserArn> {
  const fields = readIamPathArn(text, 'user', USER_NAME, false);
  if (fields === undefined) return fail(invalidArn(text, style));
  const { partition, path, name } = fields;
  return ok(Object.freeze({ kind: 'user', partition, accountId: fields.account as AccountId, path, name, arn: text }) as UserArn);
}

/** Builds a user ARN, checking the name and path as CreateUser does. */
export function userArn(parts: {
  readonly accountId: AccountId;
  readonly name: string;
  readonly path?: string;
  readonly partition?: Partition;
}): ArnResult<UserArn> {
  const path = parts.path ?? '/';
  const violations: ConstraintViolation[] = [...nameViolations(PATH, path, 'path'), ...nameViolations(USER_NAME, parts.name, 'userName')];
  if (violations.length > 0) return fail(validationError(violations));
  const partition = parts.partition ?? AWS_PARTITION;
  const arn = writeIamPathArn('user', { partition, account: parts.accountId, path, name: parts.name });
  return ok(Object.freeze({ kind: 'user', partition, accountId: parts.accountId, path, name: parts.name, arn }) as UserArn);
}
