// The `InstanceProfile` structure of CreateInstanceProfile, GetInstanceProfile, ListInstanceProfiles,
// ListInstanceProfilesForRole and GetAccountAuthorizationDetails, and its one serialisation. Each role
// in it is the role's identity and trust policy (URL-encoded, as IAM returns documents), as IAM's
// examples show it (IAM API Reference, "GetInstanceProfile"). Listings leave tags out (IAM API
// Reference, "ListInstanceProfiles": "this operation does not return tags").
import type { IamRole, InstanceProfile, StoreRepos } from '../../store/index.ts';
import { ARN, PATH, TAGS } from '../shapes/common.ts';
import { ROLE, roleOutput, type PrincipalDirectory } from '../shapes/role.ts';
import { tagsOutput } from '../tags/tag-list.ts';
import { INSTANCE_PROFILE_NAME, instanceProfileArnOf } from './instance-profile-entity.ts';

export const INSTANCE_PROFILE = {
  type: 'structure',
  members: {
    Path: PATH,
    InstanceProfileName: INSTANCE_PROFILE_NAME,
    InstanceProfileId: { type: 'string' },
    Arn: ARN,
    CreateDate: { type: 'timestamp' },
    Roles: { type: 'list', member: ROLE },
    Tags: TAGS,
  },
  required: ['Path', 'InstanceProfileName', 'InstanceProfileId', 'Arn', 'CreateDate', 'Roles'],
} as const;

/** Which operation returns the profile: `full` (Create, Get: tags when it has some) or `listed`. */
export type InstanceProfileView = 'full' | 'listed';

/** The roles a profile holds. */
export async function rolesInProfile(repos: StoreRepos, profile: InstanceProfile): Promise<IamRole[]> {
  const roles: IamRole[] = [];
  for (const roleId of profile.roleIds) {
    const role = await repos.roles.getById(roleId);
    if (role !== undefined) roles.push(role);
  }
  return roles;
}

/** An instance profile as IAM returns it; `directory` shows trust policies' principals as IAM does (by unique ID once gone). */
export function instanceProfileOutput(profile: InstanceProfile, roles: readonly IamRole[], view: InstanceProfileView, directory: PrincipalDirectory) {
  const base = {
    Path: profile.path,
    InstanceProfileName: profile.name,
    InstanceProfileId: profile.instanceProfileId,
    Arn: instanceProfileArnOf(profile),
    CreateDate: profile.createdAt,
    Roles: roles.map((role) => roleOutput(role, 'in-profile', directory)),
  };
  switch (view) {
    case 'listed':
      return base;
    case 'full':
      return { ...base, ...(profile.tags.length > 0 ? { Tags: tagsOutput(profile.tags) } : {}) };
    default: {
      const never: never = view;
      return never;
    }
  }
}

/** Instance profiles with their roles, as a listing returns them. */
export async function listedInstanceProfiles(repos: StoreRepos, profiles: readonly InstanceProfile[], directory: PrincipalDirectory) {
  const out = [];
  for (const profile of profiles) out.push(instanceProfileOutput(profile, await rolesInProfile(repos, profile), 'listed', directory));
  return out;
}
