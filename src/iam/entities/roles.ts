// IAM roles as the IAM operations name them: ARNs with paths, lookups by name (case-insensitive, per
// account) and IAM's errors for a missing or taken name.
import { awsError, type AwsError } from '../../aws/index.ts';
import type { CallContext } from '../../api/index.ts';
import { principalArn } from '../../identity/index.ts';
import type { ContextValue } from '../../policy/index.ts';
import type { IamRole, StoreRepos } from '../../store/index.ts';
import { authorizedEntity } from './authorized-entity.ts';

/** `arn:aws:iam::ACCOUNT:role/PATH/NAME`. */
export function roleArnOf(role: Pick<IamRole, 'accountId' | 'path' | 'name'>): string {
  return principalArn('role', role.accountId, role.path, role.name);
}

/** NoSuchEntity for a role name. */
export function noSuchRole(name: string): AwsError {
  return awsError('NoSuchEntity', `The role with name ${name} cannot be found.`);
}

/** EntityAlreadyExists for a role name (IAM names differ in case only count as the same). */
export function roleAlreadyExists(name: string): AwsError {
  return awsError('EntityAlreadyExists', `Role with name ${name} already exists.`);
}

/** The named role of the account, after authorizing `action` on it. */
export async function authorizedRole(
  ctx: CallContext,
  repos: StoreRepos,
  accountId: string,
  action: string,
  name: string,
  context?: Readonly<Record<string, ContextValue>>,
): Promise<IamRole> {
  const found = await repos.roles.get(accountId, name);
  return authorizedEntity(ctx, {
    action,
    found,
    arnOf: roleArnOf,
    missingArn: principalArn('role', accountId, '/', name),
    missing: () => noSuchRole(name),
    ...(context !== undefined ? { context } : {}),
  });
}
