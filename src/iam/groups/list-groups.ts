// ListGroups (IAM API Reference): the account's groups by name, optionally under a path prefix.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { PAGE_INPUT, pageMembers, pageRequest, storePage } from '../pagination.ts';
import { PAGE_MEMBERS, PATH_PREFIX } from '../shapes/common.ts';
import { GROUP, groupOutput } from '../shapes/group.ts';

const input = { type: 'structure', members: { PathPrefix: PATH_PREFIX, ...PAGE_INPUT } } as const;
const output = { type: 'structure', members: { Groups: { type: 'list', member: GROUP }, ...PAGE_MEMBERS }, required: ['Groups'] } as const;

export const listGroups = operation({
  name: 'ListGroups',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    ctx.authorize({ action: 'iam:ListGroups', resource: `arn:aws:iam::${accountId}:group${req.PathPrefix ?? '/'}` });
    const page = storePage(await ctx.store.groups.list({ accountId, pathPrefix: req.PathPrefix, ...pageRequest(req) }));
    return { Groups: page.items.map(groupOutput), ...pageMembers(page) };
  },
});
