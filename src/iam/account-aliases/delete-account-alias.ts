// DeleteAccountAlias (IAM API Reference): removes the caller's account alias, named as it is
// (NoSuchEntity when the account does not hold that alias).
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { ACCOUNT_ALIAS, noSuchAccountAlias } from './account-alias.ts';

const input = { type: 'structure', members: { AccountAlias: ACCOUNT_ALIAS }, required: ['AccountAlias'] } as const;

export const deleteAccountAlias = operation({
  name: 'DeleteAccountAlias',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    ctx.authorize({ action: 'iam:DeleteAccountAlias', resource: '*' });
    await ctx.store.transaction(async (tx) => {
      if (!(await tx.accountAliases.delete(accountId, req.AccountAlias))) throw noSuchAccountAlias(req.AccountAlias);
    });
    await ctx.refresh();
    return undefined;
  },
});
