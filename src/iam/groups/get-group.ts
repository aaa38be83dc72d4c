// GetGroup (IAM API Reference): a group and its users, a page of users at a time.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedGroup } from '../entities/groups.ts';
import { PAGE_INPUT, pageMembers, pageRequest, storePage } from '../pagination.ts';
import { GROUP_NAME, PAGE_MEMBERS } from '../shapes/common.ts';
import { GROUP, groupOutput } from '../shapes/group.ts';
import { USER, userOutput } from '../shapes/user.ts';

const input = { type: 'structure', members: { GroupName: GROUP_NAME, ...PAGE_INPUT }, required: ['GroupName'] } as const;
const output = {
  type: 'structure',
  members: { Group: GROUP, Users: { type: 'list', member: USER }, ...PAGE_MEMBERS },
  required: ['Group', 'Users'],
} as const;

export const getGroup = operation({
  name: 'GetGroup',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const group = await authorizedGroup(ctx, ctx.store, callerAccount(ctx), 'iam:GetGroup', req.GroupName);
    const page = storePage(await ctx.store.groups.listMembers(group.groupId, pageRequest(req)));
    return { Group: groupOutput(group), Users: page.items.map((u) => userOutput(u, 'listed')), ...pageMembers(page) };
  },
});
