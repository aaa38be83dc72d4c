// CreateUser (IAM API Reference): an IAM user (for a person or for automation), optionally under a
// path, with a permissions boundary and tags (which need `iam:TagUser` as well).
import { operation } from '../../api/index.ts';
import { newUniqueId, principalArn } from '../../identity/index.ts';
import { StoreConflict } from '../../store/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { checkPolicyArn, policyNotAttachable, visiblePolicy } from '../entities/managed-policies.ts';
import { userAlreadyExists } from '../entities/users.ts';
import { ARN, PATH, TAGS, USER_NAME } from '../shapes/common.ts';
import { USER, userOutput } from '../shapes/user.ts';
import { authorizeCreate } from '../tags/authorize-create.ts';
import { TAG_KEY_CASE, tagsOfInput } from '../tags/tag-list.ts';

const input = {
  type: 'structure',
  members: { Path: PATH, UserName: USER_NAME, PermissionsBoundary: ARN, Tags: TAGS },
  required: ['UserName'],
} as const;
const output = { type: 'structure', members: { User: USER } } as const;

export const createUser = operation({
  name: 'CreateUser',
  input,
  output,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const path = req.Path ?? '/';
    const arn = principalArn('user', accountId, path, req.UserName);
    const tags = tagsOfInput(req.Tags, TAG_KEY_CASE.User);
    const boundaryArn = req.PermissionsBoundary === undefined ? undefined : checkPolicyArn(req.PermissionsBoundary);
    authorizeCreate(ctx, { create: 'iam:CreateUser', tag: 'iam:TagUser' }, arn, tags, boundaryArn !== undefined ? { 'iam:PermissionsBoundary': boundaryArn } : {});
    const user = await ctx.store.transaction(async (tx) => {
      if (boundaryArn !== undefined && (await visiblePolicy(tx, accountId, boundaryArn)) === undefined) throw policyNotAttachable(boundaryArn);
      const inserted = await tx.users.insert({
        userId: newUniqueId('AIDA'),
        accountId,
        name: req.UserName,
        path,
        permissionsBoundaryArn: boundaryArn,
        tags,
        createdAt: ctx.now,
      });
      if (inserted instanceof StoreConflict) throw userAlreadyExists(req.UserName);
      return inserted;
    });
    await ctx.refresh();
    ctx.audit.resources.push({ ARN: arn, type: 'AWS::IAM::User', accountId });
    return { User: userOutput(user, 'full') };
  },
  audit: {
    responseElements: (out) => ({ user: { path: out.User?.Path, userName: out.User?.UserName, userId: out.User?.UserId, arn: out.User?.Arn } }),
  },
});
