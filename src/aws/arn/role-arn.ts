// IAM role ARNs: arn:partition:iam::account-id:role/path/role-name.

import { validationError, type ConstraintViolation } from '../errors/index.ts';
import type { AccountId } from './account-id.ts';
import { AWS_PARTITION, type Partition } from './arn-parts.ts';
import { fail, invalidArn, ok, type ArnErrorStyle, type ArnResult } from './arn-result.ts';
import { nameViolations, PATH, ROLE_NAME } from './iam-names.ts';
import { readIamPathArn, writeIamPathArn } from './iam-path-arn.ts';

/** A role ARN, parsed once. */
export interface RoleArn {
  readonly kind: 'role';
  readonly partition: Partition;
  readonly accountId: AccountId;
  /** `/` or `/a/b/`. */
  readonly path: string;
  readonly name: string;
  /** The ARN text. */
  readonly arn: string;
}

/** Parses a role ARN (`InvalidInput` for IAM, `ValidationError: Request ARN is invalid` for STS). */
export function parseRoleArn(text: string, style: ArnErrorStyle = 'iam'): ArnResult<RoleArn> {
  const fields = readIamPathArn(text, 'role', ROLE_NAME, false);
  if (fields === undefined) return fail(invalidArn(text, style));
  const { partition, path, name } = fields;
  return ok(Object.freeze({ kind: 'role', partition, accountId: fields.account as AccountId, path, name, arn: text }) as RoleArn);
}

/** Builds a role ARN from its parts, checking the name and path as CreateRole does. */
export function roleArn(parts: {
  readonly accountId: AccountId;
  readonly name: string;
  readonly path?: string;
  readonly partition?: Partition;
}): ArnResult<RoleArn> {
  const path = parts.path ?? '/';
  const violations: ConstraintViolation[] = [...nameViolations(PATH, path, 'path'), ...nameViolations(ROLE_NAME, parts.name, 'roleName')];
  if (violations.length > 0) return fail(validationError(violations));
  const partition = parts.partition ?? AWS_PARTITION;
  const arn = writeIamPathArn('role', { partition, account: parts.accountId, path, name: parts.name });
  return ok(Object.freeze({ kind: 'role', partition, accountId: parts.accountId, path, name: parts.name, arn }) as RoleArn);
}
