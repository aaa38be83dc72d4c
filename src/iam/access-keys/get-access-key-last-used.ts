// GetAccessKeyLastUsed (IAM API Reference): when, where and for which service a key of the account was
// last used; `N/A` for service and region when it never was.
import { operation } from '../../api/index.ts';
import { principalArn } from '../../identity/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { noSuchAccessKey } from './key-owner.ts';

const input = {
  type: 'structure',
  members: { AccessKeyId: { type: 'string', min: 16, max: 128, pattern: '[\\w]+' } },
  required: ['AccessKeyId'],
} as const;
const output = {
  type: 'structure',
  members: {
    UserName: { type: 'string' },
    AccessKeyLastUsed: {
      type: 'structure',
      members: { LastUsedDate: { type: 'timestamp' }, ServiceName: { type: 'string' }, Region: { type: 'string' } },
      required: ['ServiceName', 'Region'],
    },
  },
} as const;

export const getAccessKeyLastUsed = operation({
  name: 'GetAccessKeyLastUsed',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const key = await ctx.store.accessKeys.get(req.AccessKeyId);
    const user = key?.userId === undefined ? undefined : await ctx.store.users.getById(key.userId);
    const resource =
      user !== undefined ? principalArn('user', user.accountId, user.path, user.name) : `arn:aws:iam::${key?.accountId ?? accountId}:root`;
    ctx.authorize({ action: 'iam:GetAccessKeyLastUsed', resource });
    if (key === undefined || key.accountId !== accountId) throw noSuchAccessKey(req.AccessKeyId);
    return {
      ...(key.userName !== undefined ? { UserName: key.userName } : {}),
      AccessKeyLastUsed:
        key.lastUsed === undefined
          ? { ServiceName: 'N/A', Region: 'N/A' }
          : { LastUsedDate: key.lastUsed.at, ServiceName: key.lastUsed.serviceName, Region: key.lastUsed.region },
    };
  },
});
