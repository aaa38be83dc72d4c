// ListUsers (IAM API Reference): the account's users by name, optionally under a path prefix.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { PAGE_INPUT, pageMembers, pageRequest, storePage } from '../pagination.ts';
import { PAGE_MEMBERS, PATH_PREFIX } from '../shapes/common.ts';
import { USER, userOutput } from '../shapes/user.ts';

const input = { type: 'structure', members: { PathPrefix: PATH_PREFIX, ...PAGE_INPUT } } as const;
const output = { type: 'structure', members: { Users: { type: 'list', member: USER }, ...PAGE_MEMBERS }, required: ['Users'] } as const;

export const listUsers = operation({
  name: 'ListUsers',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    ctx.authorize({ action: 'iam:ListUsers', resource: `arn:aws:iam::${accountId}:user${req.PathPrefix ?? '/'}` });
    const page = storePage(await ctx.store.users.list({ accountId, pathPrefix: req.PathPrefix, ...pageRequest(req) }));
    return { Users: page.items.map((u) => userOutput(u, 'listed')), ...pageMembers(page) };
  },
});
