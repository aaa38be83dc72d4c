// DeleteRole (IAM API Reference): only a role with no managed policies attached, no inline policies and
// in no instance profile can be deleted (DeleteConflict otherwise, each with IAM's own message).
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedRole } from '../entities/roles.ts';
import { profileHoldsRole } from '../instance-profiles/instance-profile-entity.ts';
import { ROLE_NAME } from '../shapes/common.ts';

const input = { type: 'structure', members: { RoleName: ROLE_NAME }, required: ['RoleName'] } as const;

export const deleteRole = operation({
  name: 'DeleteRole',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const role = await authorizedRole(ctx, tx, accountId, 'iam:DeleteRole', req.RoleName);
      const attached = await tx.policyAttachments.listForPrincipal(role.roleId, { maxItems: 1 });
      if ('items' in attached && attached.items.length > 0) throw awsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
      const inline = await tx.inlinePolicies.list(role.roleId, { maxItems: 1 });
      if ('items' in inline && inline.items.length > 0) throw awsError('DeleteConflict', 'Cannot delete entity, must delete policies first.');
      const profiles = await tx.instanceProfiles.listForRole(role.roleId, { maxItems: 1 });
      if ('items' in profiles && profiles.items.length > 0) throw profileHoldsRole();
      await tx.roles.delete(role.roleId);
    });
    await ctx.refresh();
    return undefined;
  },
});
