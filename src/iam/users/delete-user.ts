// DeleteUser (IAM API Reference): only a user without access keys, inline policies, attached policies
// and group memberships can be deleted; each remaining one is a DeleteConflict.
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedUser } from '../entities/users.ts';
import { EXISTING_USER_NAME } from '../shapes/common.ts';

const input = { type: 'structure', members: { UserName: EXISTING_USER_NAME }, required: ['UserName'] } as const;

export const deleteUser = operation({
  name: 'DeleteUser',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const user = await authorizedUser(ctx, tx, accountId, 'iam:DeleteUser', req.UserName);
      if ((await tx.accessKeys.listForUser(accountId, user.userId)).length > 0) {
        throw awsError('DeleteConflict', 'Cannot delete entity, must delete access keys first.');
      }
      const inline = await tx.inlinePolicies.list(user.userId, { maxItems: 1 });
      if ('items' in inline && inline.items.length > 0) throw awsError('DeleteConflict', 'Cannot delete entity, must delete policies first.');
      const attached = await tx.policyAttachments.listForPrincipal(user.userId, { maxItems: 1 });
      if ('items' in attached && attached.items.length > 0) throw awsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
      const groups = await tx.groups.listGroupsForUser(user.userId, { maxItems: 1 });
      if ('items' in groups && groups.items.length > 0) throw awsError('DeleteConflict', 'Cannot delete entity, must remove users from group first.');
      await tx.users.delete(user.userId);
    });
    await ctx.refresh();
    return undefined;
  },
});
