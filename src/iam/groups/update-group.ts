// UpdateGroup (IAM API Reference): renames a group or moves it to another path; authorised on both the
// old and the new ARN.
import { operation } from '../../api/index.ts';
import { principalArn } from '../../identity/index.ts';
import { StoreConflict } from '../../store/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedGroup, groupAlreadyExists, noSuchGroup } from '../entities/groups.ts';
import { GROUP_NAME, PATH } from '../shapes/common.ts';

const input = { type: 'structure', members: { GroupName: GROUP_NAME, NewPath: PATH, NewGroupName: GROUP_NAME }, required: ['GroupName'] } as const;

export const updateGroup = operation({
  name: 'UpdateGroup',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const group = await authorizedGroup(ctx, tx, accountId, 'iam:UpdateGroup', req.GroupName);
      const name = req.NewGroupName ?? group.name;
      const path = req.NewPath ?? group.path;
      ctx.authorize({ action: 'iam:UpdateGroup', resource: principalArn('group', accountId, path, name) });
      const updated = await tx.groups.update(group.groupId, { name, path });
      if (updated instanceof StoreConflict) throw groupAlreadyExists(name);
      if (updated === undefined) throw noSuchGroup(req.GroupName);
    });
    await ctx.refresh();
    return undefined;
  },
});
