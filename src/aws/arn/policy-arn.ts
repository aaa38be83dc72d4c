// Managed policy ARNs: arn:partition:iam::account-id:policy/path/name, or account `aws` for AWS
// managed policies (arn:aws:iam::aws:policy/ReadOnlyAccess).

import { validationError, type ConstraintViolation } from '../errors/index.ts';
import type { AccountId } from './account-id.ts';
import { AWS_PARTITION, type Partition } from './arn-parts.ts';
import { fail, invalidArn, ok, type ArnErrorStyle, type ArnResult } from './arn-result.ts';
import { nameViolations, PATH, POLICY_NAME } from './iam-names.ts';
import { readIamPathArn, writeIamPathArn } from './iam-path-arn.ts';

/** A managed policy ARN, parsed once. */
export interface PolicyArn {
  readonly kind: 'policy';
  readonly partition: Partition;
  /** The owning account, or `aws` for an AWS managed policy. */
  readonly accountId: AccountId | 'aws';
  readonly path: string;
  readonly name: string;
  readonly arn: string;
}

/** Parses a managed policy ARN (AttachRolePolicy: `InvalidInput: ARN x is not valid.`). */
export function parsePolicyArn(text: string, style: ArnErrorStyle = 'iam'): ArnResult<PolicyArn> {
  const fields = readIamPathArn(text, 'policy', POLICY_NAME, true);
  if (fields === undefined) return fail(invalidArn(text, style));
  const { partition, path, name } = fields;
  return ok(Object.freeze({ kind: 'policy', partition, accountId: fields.account as AccountId | 'aws', path, name, arn: text }) as PolicyArn);
}

/** Builds a customer managed policy ARN, checking the name and path as CreatePolicy does. */
export function policyArn(parts: {
  readonly accountId: AccountId;
  readonly name: string;
  readonly path?: string;
  readonly partition?: Partition;
}): ArnResult<PolicyArn> {
  const path = parts.path ?? '/';
  const violations: ConstraintViolation[] = [...nameViolations(PATH, path, 'path'), ...nameViolations(POLICY_NAME, parts.name, 'policyName')];
  if (violations.length > 0) return fail(validationError(violations));
  const partition = parts.partition ?? AWS_PARTITION;
  const arn = writeIamPathArn('policy', { partition, account: parts.accountId, path, name: parts.name });
  return ok(Object.freeze({ kind: 'policy', partition, accountId: parts.accountId, path, name: parts.name, arn }) as PolicyArn);
}
