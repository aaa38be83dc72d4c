// UpdateAccessKey (IAM API Reference): makes a key Active or Inactive (an inactive key is refused
// with InvalidClientTokenId); the key must belong to the named user (or the caller).
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { EXISTING_USER_NAME } from '../shapes/common.ts';
import { authorizedKeyOwner, noSuchAccessKey } from './key-owner.ts';

const input = {
  type: 'structure',
  members: {
    UserName: EXISTING_USER_NAME,
    AccessKeyId: { type: 'string', min: 16, max: 128, pattern: '[\\w]+' },
    Status: { type: 'string', enum: ['Active', 'Inactive', 'Expired'] },
  },
  required: ['AccessKeyId', 'Status'],
} as const;

export const updateAccessKey = operation({
  name: 'UpdateAccessKey',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    if (req.Status === 'Expired') throw awsError('InvalidInput', 'Status Expired cannot be set; use Active or Inactive.');
    const status = req.Status;
    await ctx.store.transaction(async (tx) => {
      const owner = await authorizedKeyOwner(ctx, tx, accountId, 'iam:UpdateAccessKey', req.UserName);
      const key = await tx.accessKeys.get(req.AccessKeyId);
      if (key === undefined || key.accountId !== accountId || key.userId !== owner.userId) throw noSuchAccessKey(req.AccessKeyId);
      await tx.accessKeys.setStatus(key.accessKeyId, status);
    });
    await ctx.refresh();
    return undefined;
  },
});
