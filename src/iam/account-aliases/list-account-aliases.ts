// ListAccountAliases (IAM API Reference): the caller's account alias ("you can have only one"), as a
// paginated list; empty when the account has none.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { PAGE_INPUT, pageMembers, pageOf, pageRequest } from '../pagination.ts';
import { PAGE_MEMBERS } from '../shapes/common.ts';
import { ACCOUNT_ALIAS } from './account-alias.ts';

const input = { type: 'structure', members: { ...PAGE_INPUT } } as const;
const output = {
  type: 'structure',
  members: { AccountAliases: { type: 'list', member: ACCOUNT_ALIAS }, ...PAGE_MEMBERS },
  required: ['AccountAliases'],
} as const;

export const listAccountAliases = operation({
  name: 'ListAccountAliases',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    ctx.authorize({ action: 'iam:ListAccountAliases', resource: '*' });
    const alias = await ctx.store.accountAliases.ofAccount(accountId);
    const page = pageOf('account-aliases', alias === undefined ? [] : [alias.alias], pageRequest(req));
    return { AccountAliases: [...page.items], ...pageMembers(page) };
  },
});
