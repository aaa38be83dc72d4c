// DeleteAccessKey (IAM API Reference): deletes a key of the named user (or of the caller).
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { EXISTING_USER_NAME } from '../shapes/common.ts';
import { authorizedKeyOwner, noSuchAccessKey } from './key-owner.ts';

const input = {
  type: 'structure',
  members: { UserName: EXISTING_USER_NAME, AccessKeyId: { type: 'string', min: 16, max: 128, pattern: '[\\w]+' } },
  required: ['AccessKeyId'],
} as const;

export const deleteAccessKey = operation({
  name: 'DeleteAccessKey',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const owner = await authorizedKeyOwner(ctx, tx, accountId, 'iam:DeleteAccessKey', req.UserName);
      const key = await tx.accessKeys.get(req.AccessKeyId);
      if (key === undefined || key.accountId !== accountId || key.userId !== owner.userId) throw noSuchAccessKey(req.AccessKeyId);
      await tx.accessKeys.delete(key.accessKeyId);
    });
    await ctx.refresh();
    return undefined;
  },
});
