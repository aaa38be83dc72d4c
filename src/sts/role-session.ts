// Who a role session is. STS API Reference, "AssumedRoleUser": the session's ARN
// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` (no path) and its ID `ROLEID:SESSION`, which is also
// the session's `aws:userid`. Roles are found by their ARN; role names are case-insensitive in IAM, the
// path must be the role's.
import { assumedRoleArn, parseRoleArn, type RoleArn } from '../aws/index.ts';
import type { IamSnapshot, RoleEntry, SessionPrincipalClaims } from '../identity/index.ts';

/** A role session's identity: what the response's AssumedRoleUser shows, and the token's principal. */
export interface RoleSessionIdentity {
  readonly AssumedRoleId: string;
  readonly Arn: string;
  readonly principal: SessionPrincipalClaims;
}

/** Parses a request's RoleArn (STS's wording: ValidationError "Request ARN is invalid"). */
export function requestRoleArn(text: string): RoleArn {
  const parsed = parseRoleArn(text, 'sts');
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

/** The role a RoleArn names, or undefined (callers answer AccessDenied, never "no such role"). */
export function findRole(snapshot: IamSnapshot, arn: RoleArn): RoleEntry | undefined {
  const role = snapshot.role(arn.accountId, arn.name);
  return role !== undefined && role.role.path === arn.path ? role : undefined;
}

/** The identity of a session of `role` named `sessionName` (already checked by the request shape). */
export function roleSessionIdentity(role: RoleEntry, sessionName: string): RoleSessionIdentity {
  const typed = requestRoleArn(role.arn);
  const session = assumedRoleArn(typed, sessionName);
  if (!session.ok) throw session.error;
  const assumedRoleId = `${role.role.roleId}:${sessionName}`;
  return {
    AssumedRoleId: assumedRoleId,
    Arn: session.value.arn,
    principal: {
      type: 'AssumedRole',
      arn: session.value.arn,
      accountId: role.role.accountId,
      roleArn: role.arn,
      roleId: role.role.roleId,
      sessionName,
      userId: assumedRoleId,
    },
  };
}
