// ListRoles (IAM API Reference): the account's roles by name, optionally under a path prefix, a page
// at a time. Authorised on the path the listing covers (`arn:aws:iam::ACCOUNT:role/PREFIX`).
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { PAGE_INPUT, pageMembers, pageRequest, storePage } from '../pagination.ts';
import { PAGE_MEMBERS, PATH_PREFIX } from '../shapes/common.ts';
import { ROLE, roleOutput } from '../shapes/role.ts';

const input = { type: 'structure', members: { PathPrefix: PATH_PREFIX, ...PAGE_INPUT } } as const;
const output = { type: 'structure', members: { Roles: { type: 'list', member: ROLE }, ...PAGE_MEMBERS }, required: ['Roles'] } as const;

export const listRoles = operation({
  name: 'ListRoles',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    ctx.authorize({ action: 'iam:ListRoles', resource: `arn:aws:iam::${accountId}:role${req.PathPrefix ?? '/'}` });
    const page = storePage(await ctx.store.roles.list({ accountId, pathPrefix: req.PathPrefix, ...pageRequest(req) }));
    return { Roles: page.items.map((r) => roleOutput(r, 'listed', ctx.snapshot)), ...pageMembers(page) };
  },
});
