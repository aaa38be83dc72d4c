// The `Role` structure of CreateRole, GetRole, ListRoles and UpdateRoleDescription, and its one
// serialisation. Listings return a subset (IAM API Reference, "ListRoles": PermissionsBoundary,
// RoleLastUsed and Tags are not returned); the trust policy is URL-encoded as IAM returns it, with a
// deleted (or deleted and recreated) role or user it names shown as the unique ID it was saved as.
import { encodePolicyDocument } from '../../aws/index.ts';
import { principalRewrites, shownPolicyText, type IamSnapshot } from '../../identity/index.ts';
import type { IamRole } from '../../store/index.ts';
import { roleArnOf } from '../entities/roles.ts';
import { tagsOutput } from '../tags/tag-list.ts';
import { ARN, ATTACHED_PERMISSIONS_BOUNDARY, PATH, POLICY_DOCUMENT, ROLE_DESCRIPTION, ROLE_MAX_SESSION_DURATION, ROLE_NAME, TAGS } from './common.ts';
import { permissionsBoundaryOutput } from './permissions-boundary.ts';

export const ROLE = {
  type: 'structure',
  members: {
    Path: PATH,
    RoleName: ROLE_NAME,
    RoleId: { type: 'string' },
    Arn: ARN,
    CreateDate: { type: 'timestamp' },
    AssumeRolePolicyDocument: POLICY_DOCUMENT,
    Description: ROLE_DESCRIPTION,
    MaxSessionDuration: ROLE_MAX_SESSION_DURATION,
    PermissionsBoundary: ATTACHED_PERMISSIONS_BOUNDARY,
    Tags: TAGS,
    RoleLastUsed: { type: 'structure', members: { LastUsedDate: { type: 'timestamp' }, Region: { type: 'string' } } },
  },
  required: ['Path', 'RoleName', 'RoleId', 'Arn', 'CreateDate'],
} as const;

/**
 * Which operation returns the role: `full` (GetRole), `created` (CreateRole), `listed` (ListRoles) or
 * `in-profile` (inside an instance profile, as IAM's GetInstanceProfile example shows it).
 */
export type RoleView = 'full' | 'created' | 'listed' | 'in-profile';

/** Who holds which unique ID now (the snapshot). */
export type PrincipalDirectory = Pick<IamSnapshot, 'principalArnOf'>;

/**
 * The trust policy as IAM shows it (IAM User Guide, "AWS JSON policy elements: Principal": the ARNs of the
 * roles and users it names while they exist; once one is deleted, the unique ID it was saved as).
 */
export function shownTrustPolicy(role: IamRole, directory: PrincipalDirectory): string {
  return shownPolicyText(role.assumeRolePolicy, principalRewrites(role.trustPrincipalIds, directory.principalArnOf));
}

/** A role as IAM returns it. */
export function roleOutput(role: IamRole, view: RoleView, directory: PrincipalDirectory) {
  const base = {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.roleId,
    Arn: roleArnOf(role),
    CreateDate: role.createdAt,
    AssumeRolePolicyDocument: encodePolicyDocument(shownTrustPolicy(role, directory)),
    ...(role.description !== undefined ? { Description: role.description } : {}),
  };
  switch (view) {
    case 'in-profile':
      return base;
    case 'listed':
      return { ...base, MaxSessionDuration: role.maxSessionDuration };
    case 'created':
      return {
        ...base,
        ...permissionsBoundaryOutput(role.permissionsBoundaryArn),
        ...(role.tags.length > 0 ? { Tags: tagsOutput(role.tags) } : {}),
      };
    case 'full':
      return {
        ...base,
        MaxSessionDuration: role.maxSessionDuration,
        ...permissionsBoundaryOutput(role.permissionsBoundaryArn),
        ...(role.tags.length > 0 ? { Tags: tagsOutput(role.tags) } : {}),
        RoleLastUsed: role.lastUsed === undefined ? {} : { LastUsedDate: role.lastUsed.at, Region: role.lastUsed.region },
      };
    default: {
      const never: never = view;
      return never;
    }
  }
}
