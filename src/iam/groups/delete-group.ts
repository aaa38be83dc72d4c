// DeleteGroup (IAM API Reference): only an empty group without policies can be deleted.
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedGroup } from '../entities/groups.ts';
import { GROUP_NAME } from '../shapes/common.ts';

const input = { type: 'structure', members: { GroupName: GROUP_NAME }, required: ['GroupName'] } as const;

export const deleteGroup = operation({
  name: 'DeleteGroup',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const group = await authorizedGroup(ctx, tx, accountId, 'iam:DeleteGroup', req.GroupName);
      const members = await tx.groups.listMembers(group.groupId, { maxItems: 1 });
      if ('items' in members && members.items.length > 0) throw awsError('DeleteConflict', 'Cannot delete entity, must remove users from group first.');
      const inline = await tx.inlinePolicies.list(group.groupId, { maxItems: 1 });
      if ('items' in inline && inline.items.length > 0) throw awsError('DeleteConflict', 'Cannot delete entity, must delete policies first.');
      const attached = await tx.policyAttachments.listForPrincipal(group.groupId, { maxItems: 1 });
      if ('items' in attached && attached.items.length > 0) throw awsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
      await tx.groups.delete(group.groupId);
    });
    await ctx.refresh();
    return undefined;
  },
});
