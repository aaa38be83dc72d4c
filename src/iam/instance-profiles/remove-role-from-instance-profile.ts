// RemoveRoleFromInstanceProfile (IAM API Reference): takes the role out of the profile. The profile and
// the role must exist, and the role must be in the profile (NoSuchEntity naming the role otherwise).
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { noSuchRole } from '../entities/roles.ts';
import { ROLE_NAME } from '../shapes/common.ts';
import { authorizedInstanceProfile, INSTANCE_PROFILE_NAME } from './instance-profile-entity.ts';

const input = {
  type: 'structure',
  members: { InstanceProfileName: INSTANCE_PROFILE_NAME, RoleName: ROLE_NAME },
  required: ['InstanceProfileName', 'RoleName'],
} as const;

export const removeRoleFromInstanceProfile = operation({
  name: 'RemoveRoleFromInstanceProfile',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const profile = await authorizedInstanceProfile(ctx, tx, accountId, 'iam:RemoveRoleFromInstanceProfile', req.InstanceProfileName);
      const role = await tx.roles.get(accountId, req.RoleName);
      if (role === undefined || !profile.roleIds.includes(role.roleId)) throw noSuchRole(req.RoleName);
      await tx.instanceProfiles.removeRole(profile.instanceProfileId, role.roleId);
    });
    await ctx.refresh();
    return undefined;
  },
});
