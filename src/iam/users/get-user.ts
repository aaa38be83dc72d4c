// GetUser (IAM API Reference): the named user, or without UserName the caller itself — for the
// account's root user its account ID and root ARN; callers that are not IAM users must name one
// ("Must specify userName when calling with non-User credentials").
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedUser } from '../entities/users.ts';
import { EXISTING_USER_NAME } from '../shapes/common.ts';
import { USER, userOutput } from '../shapes/user.ts';

const input = { type: 'structure', members: { UserName: EXISTING_USER_NAME } } as const;
const output = { type: 'structure', members: { User: USER }, required: ['User'] } as const;

export const getUser = operation({
  name: 'GetUser',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const caller = ctx.requireCaller();
    let name = req.UserName;
    if (name === undefined) {
      if (caller.principal.type === 'Root') {
        const account = await ctx.store.accounts.get(accountId);
        return { User: { UserId: accountId, Arn: caller.principal.arn, CreateDate: account?.createdAt ?? ctx.now } };
      }
      if (caller.principal.type !== 'User' || caller.userName === undefined) {
        throw awsError('ValidationError', 'Must specify userName when calling with non-User credentials');
      }
      name = caller.userName;
    }
    const user = await authorizedUser(ctx, ctx.store, accountId, 'iam:GetUser', name);
    return { User: userOutput(user, 'full') };
  },
});
