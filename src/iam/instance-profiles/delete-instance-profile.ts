// DeleteInstanceProfile (IAM API Reference): only a profile without a role can be deleted (DeleteConflict
// otherwise, as IAM words it); the role itself stays.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedInstanceProfile, INSTANCE_PROFILE_NAME, profileHoldsRole } from './instance-profile-entity.ts';

const input = { type: 'structure', members: { InstanceProfileName: INSTANCE_PROFILE_NAME }, required: ['InstanceProfileName'] } as const;

export const deleteInstanceProfile = operation({
  name: 'DeleteInstanceProfile',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const profile = await authorizedInstanceProfile(ctx, tx, accountId, 'iam:DeleteInstanceProfile', req.InstanceProfileName);
      if (profile.roleIds.length > 0) throw profileHoldsRole();
      await tx.instanceProfiles.delete(profile.instanceProfileId);
    });
    await ctx.refresh();
    return undefined;
  },
});
