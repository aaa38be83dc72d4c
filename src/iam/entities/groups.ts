// IAM groups as the IAM operations name them: ARNs with paths, lookups by name and IAM's errors.
import { awsError, type AwsError } from '../../aws/index.ts';
import type { CallContext } from '../../api/index.ts';
import { principalArn } from '../../identity/index.ts';
import type { IamGroup, StoreRepos } from '../../store/index.ts';
import { authorizedEntity } from './authorized-entity.ts';

/** `arn:aws:iam::ACCOUNT:group/PATH/NAME`. */
export function groupArnOf(group: Pick<IamGroup, 'accountId' | 'path' | 'name'>): string {
  return principalArn('group', group.accountId, group.path, group.name);
}

/** NoSuchEntity for a group name. */
export function noSuchGroup(name: string): AwsError {
  return awsError('NoSuchEntity', `The group with name ${name} cannot be found.`);
}

/** EntityAlreadyExists for a group name. */
export function groupAlreadyExists(name: string): AwsError {
  return awsError('EntityAlreadyExists', `Group with name ${name} already exists.`);
}

/** The named group of the account, after authorizing `action` on it. */
export async function authorizedGroup(ctx: CallContext, repos: StoreRepos, accountId: string, action: string, name: string): Promise<IamGroup> {
  const found = await repos.groups.get(accountId, name);
  return authorizedEntity(ctx, {
    action,
    found,
    arnOf: groupArnOf,
    missingArn: principalArn('group', accountId, '/', name),
    missing: () => noSuchGroup(name),
  });
}
