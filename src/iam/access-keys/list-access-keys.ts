// ListAccessKeys (IAM API Reference): a user's (or the root user's) keys, oldest first, without secrets.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { PAGE_INPUT, pageMembers, pageOf, pageRequest } from '../pagination.ts';
import { EXISTING_USER_NAME, PAGE_MEMBERS } from '../shapes/common.ts';
import { authorizedKeyOwner } from './key-owner.ts';

const input = { type: 'structure', members: { UserName: EXISTING_USER_NAME, ...PAGE_INPUT } } as const;
const output = {
  type: 'structure',
  members: {
    AccessKeyMetadata: {
      type: 'list',
      member: {
        type: 'structure',
        members: {
          UserName: { type: 'string' },
          AccessKeyId: { type: 'string' },
          Status: { type: 'string', enum: ['Active', 'Inactive', 'Expired'] },
          CreateDate: { type: 'timestamp' },
        },
      },
    },
    ...PAGE_MEMBERS,
  },
  required: ['AccessKeyMetadata'],
} as const;

export const listAccessKeys = operation({
  name: 'ListAccessKeys',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const owner = await authorizedKeyOwner(ctx, ctx.store, accountId, 'iam:ListAccessKeys', req.UserName);
    const keys = await ctx.store.accessKeys.listForUser(accountId, owner.userId);
    const page = pageOf(`keys:${owner.userId ?? 'root'}`, keys, pageRequest(req));
    return {
      AccessKeyMetadata: page.items.map((k) => ({
        ...(k.userName !== undefined ? { UserName: k.userName } : {}),
        AccessKeyId: k.accessKeyId,
        Status: k.status,
        CreateDate: k.createdAt,
      })),
      ...pageMembers(page),
    };
  },
});
