// Assumed-role session ARNs (STS API Reference, AssumeRole: AssumedRoleUser.Arn):
//   arn:partition:sts::account-id:assumed-role/role-name/role-session-name
// The role's path is not part of it.

import { isAccountId, type AccountId } from './account-id.ts';
import { asPartition, splitArn, type Partition } from './arn-parts.ts';
import { fail, invalidArn, ok, type ArnErrorStyle, type ArnResult } from './arn-result.ts';
import { checkName, nameViolations, ROLE_NAME, ROLE_SESSION_NAME } from './iam-names.ts';
import type { RoleArn } from './role-arn.ts';

/** An assumed-role ARN, parsed once. */
export interface AssumedRoleArn {
  readonly kind: 'assumed-role';
  readonly partition: Partition;
  readonly accountId: AccountId;
  readonly roleName: string;
  readonly sessionName: string;
  readonly arn: string;
}

/** Parses an assumed-role ARN. */
export function parseAssumedRoleArn(text: string, style: ArnErrorStyle = 'sts'): ArnResult<AssumedRoleArn> {
  const parts = splitArn(text);
  const partition = parts === undefined ? undefined : asPartition(parts.partition);
  if (parts === undefined || partition === undefined || parts.service !== 'sts' || parts.region !== '' || !isAccountId(parts.account)) {
    return fail(invalidArn(text, style));
  }
  const segments = parts.resource.split('/');
  const [type, roleName, sessionName] = segments;
  if (
    segments.length !== 3 ||
    type !== 'assumed-role' ||
    roleName === undefined ||
    sessionName === undefined ||
    nameViolations(ROLE_NAME, roleName, 'roleName').length > 0 ||
    nameViolations(ROLE_SESSION_NAME, sessionName, 'roleSessionName').length > 0
  ) {
    return fail(invalidArn(text, style));
  }
  return ok(Object.freeze({ kind: 'assumed-role', partition, accountId: parts.account, roleName, sessionName, arn: text }) as AssumedRoleArn);
}

/** The ARN of a session of a role, checking the session name as AssumeRole does (ValidationError). */
export function assumedRoleArn(role: RoleArn, sessionName: string): ArnResult<AssumedRoleArn> {
  const error = checkName(ROLE_SESSION_NAME, sessionName, 'roleSessionName');
  if (error !== undefined) return fail(error);
  const arn = `arn:${role.partition}:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`;
  return ok(
    Object.freeze({ kind: 'assumed-role', partition: role.partition, accountId: role.accountId, roleName: role.name, sessionName, arn }) as AssumedRoleArn,
  );
}
