// ListGroupsForUser (IAM API Reference): the groups a user belongs to, by name.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedUser } from '../entities/users.ts';
import { PAGE_INPUT, pageMembers, pageRequest, storePage } from '../pagination.ts';
import { EXISTING_USER_NAME, PAGE_MEMBERS } from '../shapes/common.ts';
import { GROUP, groupOutput } from '../shapes/group.ts';

const input = { type: 'structure', members: { UserName: EXISTING_USER_NAME, ...PAGE_INPUT }, required: ['UserName'] } as const;
const output = { type: 'structure', members: { Groups: { type: 'list', member: GROUP }, ...PAGE_MEMBERS }, required: ['Groups'] } as const;

export const listGroupsForUser = operation({
  name: 'ListGroupsForUser',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const user = await authorizedUser(ctx, ctx.store, callerAccount(ctx), 'iam:ListGroupsForUser', req.UserName);
    const page = storePage(await ctx.store.groups.listGroupsForUser(user.userId, pageRequest(req)));
    return { Groups: page.items.map(groupOutput), ...pageMembers(page) };
  },
});
