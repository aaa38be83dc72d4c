// CreateAccessKey (IAM API Reference): a long-term key (`AKIA…`) for a user or the root user; the
// secret is returned this once and never again. At most two keys per user, active or not ("IAM and
// AWS STS quotas").
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { newSecretAccessKey, newUniqueId } from '../../identity/index.ts';
import { StoreConflict } from '../../store/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { EXISTING_USER_NAME } from '../shapes/common.ts';
import { authorizedKeyOwner } from './key-owner.ts';

const input = { type: 'structure', members: { UserName: EXISTING_USER_NAME } } as const;
const output = {
  type: 'structure',
  members: {
    AccessKey: {
      type: 'structure',
      members: {
        UserName: { type: 'string' },
        AccessKeyId: { type: 'string' },
        Status: { type: 'string', enum: ['Active', 'Inactive', 'Expired'] },
        SecretAccessKey: { type: 'string' },
        CreateDate: { type: 'timestamp' },
      },
      required: ['AccessKeyId', 'Status', 'SecretAccessKey'],
    },
  },
  required: ['AccessKey'],
} as const;

const MAX_KEYS = 2;

export const createAccessKey = operation({
  name: 'CreateAccessKey',
  input,
  output,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const key = await ctx.store.transaction(async (tx) => {
      const owner = await authorizedKeyOwner(ctx, tx, accountId, 'iam:CreateAccessKey', req.UserName);
      if ((await tx.accessKeys.listForUser(accountId, owner.userId)).length >= MAX_KEYS) {
        throw awsError('LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${MAX_KEYS}`);
      }
      const inserted = await tx.accessKeys.insert({
        accessKeyId: newUniqueId('AKIA'),
        accountId,
        userId: owner.userId,
        secretAccessKey: newSecretAccessKey(),
        status: 'Active',
        createdAt: ctx.now,
      });
      if (inserted instanceof StoreConflict) throw awsError('ServiceFailure', undefined, { detail: 'access key ID collision' });
      return inserted;
    });
    await ctx.refresh();
    return {
      AccessKey: {
        ...(key.userName !== undefined ? { UserName: key.userName } : {}),
        AccessKeyId: key.accessKeyId,
        Status: key.status,
        SecretAccessKey: key.secretAccessKey,
        CreateDate: key.createdAt,
      },
    };
  },
  audit: {
    // CloudTrail never records the secret.
    responseElements: (out) => ({
      accessKey: { userName: out.AccessKey.UserName, accessKeyId: out.AccessKey.AccessKeyId, status: out.AccessKey.Status, createDate: out.AccessKey.CreateDate },
    }),
  },
});
