// RemoveUserFromGroup (IAM API Reference): the user and the group must exist.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedGroup } from '../entities/groups.ts';
import { noSuchUser } from '../entities/users.ts';
import { EXISTING_USER_NAME, GROUP_NAME } from '../shapes/common.ts';

const input = { type: 'structure', members: { GroupName: GROUP_NAME, UserName: EXISTING_USER_NAME }, required: ['GroupName', 'UserName'] } as const;

export const removeUserFromGroup = operation({
  name: 'RemoveUserFromGroup',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const group = await authorizedGroup(ctx, tx, accountId, 'iam:RemoveUserFromGroup', req.GroupName);
      const user = await tx.users.get(accountId, req.UserName);
      if (user === undefined) throw noSuchUser(req.UserName);
      await tx.groups.removeMember({ groupId: group.groupId, userId: user.userId });
    });
    await ctx.refresh();
    return undefined;
  },
});
