// CreateAccountAlias (IAM API Reference): gives the caller's account an alias. Aliases are unique across
// all accounts (EntityAlreadyExists when any account, this one included, holds it); an account holds one,
// so a new alias replaces the one it had, as IAM does.
import { operation } from '../../api/index.ts';
import { StoreConflict } from '../../store/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { ACCOUNT_ALIAS, accountAliasTaken } from './account-alias.ts';

const input = { type: 'structure', members: { AccountAlias: ACCOUNT_ALIAS }, required: ['AccountAlias'] } as const;

export const createAccountAlias = operation({
  name: 'CreateAccountAlias',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    ctx.authorize({ action: 'iam:CreateAccountAlias', resource: '*' });
    await ctx.store.transaction(async (tx) => {
      const set = await tx.accountAliases.set({ alias: req.AccountAlias, accountId, createdAt: ctx.now });
      if (set instanceof StoreConflict) throw accountAliasTaken(req.AccountAlias);
    });
    await ctx.refresh();
    return undefined;
  },
});
