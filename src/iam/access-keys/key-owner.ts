// Whose access keys an access key operation is about: the named user, or without UserName the caller
// itself — an IAM user, or the account's root user (IAM API Reference, "CreateAccessKey": "If you do
// not specify a user name, IAM determines the user name implicitly based on the AWS access key ID
// signing the request").
import { awsError } from '../../aws/index.ts';
import type { CallContext } from '../../api/index.ts';
import type { StoreRepos } from '../../store/index.ts';
import { authorizedUser } from '../entities/users.ts';

/** The owner of the keys: an IAM user, or the root user (userId undefined). */
export interface KeyOwner {
  readonly userId: string | undefined;
  readonly userName: string | undefined;
}

/** The keys' owner, after authorizing `action` on it. */
export async function authorizedKeyOwner(ctx: CallContext, repos: StoreRepos, accountId: string, action: string, userName: string | undefined): Promise<KeyOwner> {
  const caller = ctx.requireCaller();
  let name = userName;
  if (name === undefined) {
    if (caller.principal.type === 'Root') {
      ctx.authorize({ action, resource: caller.principal.arn });
      return { userId: undefined, userName: undefined };
    }
    if (caller.principal.type !== 'User' || caller.userName === undefined) {
      throw awsError('ValidationError', 'Must specify userName when calling with non-User credentials');
    }
    name = caller.userName;
  }
  const user = await authorizedUser(ctx, repos, accountId, action, name);
  return { userId: user.userId, userName: user.name };
}

/** NoSuchEntity for an access key ID. */
export function noSuchAccessKey(accessKeyId: string): Error {
  return awsError('NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);
}
