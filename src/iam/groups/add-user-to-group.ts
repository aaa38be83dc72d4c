// AddUserToGroup (IAM API Reference): a user is in at most 10 groups ("IAM and AWS STS quotas");
// adding a member again changes nothing.
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedGroup } from '../entities/groups.ts';
import { noSuchUser } from '../entities/users.ts';
import { allPages } from '../pagination.ts';
import { EXISTING_USER_NAME, GROUP_NAME } from '../shapes/common.ts';

const input = { type: 'structure', members: { GroupName: GROUP_NAME, UserName: EXISTING_USER_NAME }, required: ['GroupName', 'UserName'] } as const;

const MAX_GROUPS_PER_USER = 10;

export const addUserToGroup = operation({
  name: 'AddUserToGroup',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const group = await authorizedGroup(ctx, tx, accountId, 'iam:AddUserToGroup', req.GroupName);
      const user = await tx.users.get(accountId, req.UserName);
      if (user === undefined) throw noSuchUser(req.UserName);
      const groups = await allPages((page) => tx.groups.listGroupsForUser(user.userId, page));
      if (groups.some((g) => g.groupId === group.groupId)) return;
      if (groups.length >= MAX_GROUPS_PER_USER) throw awsError('LimitExceeded', `Cannot exceed quota for GroupsPerUser: ${MAX_GROUPS_PER_USER}`);
      await tx.groups.addMember({ groupId: group.groupId, userId: user.userId });
    });
    await ctx.refresh();
    return undefined;
  },
});
