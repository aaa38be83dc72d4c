// IAM users as the IAM operations name them: ARNs with paths, lookups by name and IAM's errors.
import { awsError, type AwsError } from '../../aws/index.ts';
import type { CallContext } from '../../api/index.ts';
import { principalArn } from '../../identity/index.ts';
import type { ContextValue } from '../../policy/index.ts';
import type { IamUser, StoreRepos } from '../../store/index.ts';
import { authorizedEntity } from './authorized-entity.ts';

/** `arn:aws:iam::ACCOUNT:user/PATH/NAME`. */
export function userArnOf(user: Pick<IamUser, 'accountId' | 'path' | 'name'>): string {
  return principalArn('user', user.accountId, user.path, user.name);
}

/** NoSuchEntity for a user name. */
export function noSuchUser(name: string): AwsError {
  return awsError('NoSuchEntity', `The user with name ${name} cannot be found.`);
}

/** EntityAlreadyExists for a user name. */
export function userAlreadyExists(name: string): AwsError {
  return awsError('EntityAlreadyExists', `User with name ${name} already exists.`);
}

/** The named user of the account, after authorizing `action` on it. */
export async function authorizedUser(
  ctx: CallContext,
  repos: StoreRepos,
  accountId: string,
  action: string,
  name: string,
  context?: Readonly<Record<string, ContextValue>>,
): Promise<IamUser> {
  const found = await repos.users.get(accountId, name);
  return authorizedEntity(ctx, {
    action,
    found,
    arnOf: userArnOf,
    missingArn: principalArn('user', accountId, '/', name),
    missing: () => noSuchUser(name),
    ...(context !== undefined ? { context } : {}),
  });
}
