// CreateGroup (IAM API Reference): a group of users, optionally under a path.
import { operation } from '../../api/index.ts';
import { newUniqueId, principalArn } from '../../identity/index.ts';
import { StoreConflict } from '../../store/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { groupAlreadyExists } from '../entities/groups.ts';
import { GROUP_NAME, PATH } from '../shapes/common.ts';
import { GROUP, groupOutput } from '../shapes/group.ts';

const input = { type: 'structure', members: { Path: PATH, GroupName: GROUP_NAME }, required: ['GroupName'] } as const;
const output = { type: 'structure', members: { Group: GROUP }, required: ['Group'] } as const;

export const createGroup = operation({
  name: 'CreateGroup',
  input,
  output,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const path = req.Path ?? '/';
    ctx.authorize({ action: 'iam:CreateGroup', resource: principalArn('group', accountId, path, req.GroupName) });
    const group = await ctx.store.transaction(async (tx) => {
      const inserted = await tx.groups.insert({ groupId: newUniqueId('AGPA'), accountId, name: req.GroupName, path, createdAt: ctx.now });
      if (inserted instanceof StoreConflict) throw groupAlreadyExists(req.GroupName);
      return inserted;
    });
    await ctx.refresh();
    return { Group: groupOutput(group) };
  },
});
