// IAM instance profiles as the IAM operations name them: ARNs with paths
// (`arn:aws:iam::ACCOUNT:instance-profile/PATH/NAME`, IAM User Guide, "IAM identifiers"), lookups by
// name (case-insensitive, per account) and IAM's errors for a missing or taken name.
import { awsError, type AwsError } from '../../aws/index.ts';
import type { CallContext } from '../../api/index.ts';
import type { ContextValue } from '../../policy/index.ts';
import type { InstanceProfile, StoreRepos } from '../../store/index.ts';
import { authorizedEntity } from '../entities/authorized-entity.ts';

/** `instanceProfileNameType` of the botocore IAM model. */
export const INSTANCE_PROFILE_NAME = { type: 'string', min: 1, max: 128, pattern: '[\\w+=,.@-]+' } as const;

/** InstanceProfilesPerAccount ("IAM and AWS STS quotas"). */
export const MAX_INSTANCE_PROFILES_PER_ACCOUNT = 1000;

/** `arn:aws:iam::ACCOUNT:instance-profile/PATH/NAME`. */
export function instanceProfileArn(accountId: string, path: string, name: string): string {
  return `arn:aws:iam::${accountId}:instance-profile${path}${name}`;
}

/** The ARN of a stored profile. */
export function instanceProfileArnOf(profile: Pick<InstanceProfile, 'accountId' | 'path' | 'name'>): string {
  return instanceProfileArn(profile.accountId, profile.path, profile.name);
}

/** NoSuchEntity for an instance profile name, as IAM words it. */
export function noSuchInstanceProfile(name: string): AwsError {
  return awsError('NoSuchEntity', `Instance Profile ${name} cannot be found.`);
}

/** EntityAlreadyExists for an instance profile name (names differing in case only are the same). */
export function instanceProfileAlreadyExists(name: string): AwsError {
  return awsError('EntityAlreadyExists', `Instance Profile ${name} already exists.`);
}

/** DeleteConflict of DeleteInstanceProfile, and of DeleteRole while a profile holds the role. */
export function profileHoldsRole(): AwsError {
  return awsError('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.');
}

/** The named instance profile of the account, after authorizing `action` on it. */
export async function authorizedInstanceProfile(
  ctx: CallContext,
  repos: StoreRepos,
  accountId: string,
  action: string,
  name: string,
  context?: Readonly<Record<string, ContextValue>>,
): Promise<InstanceProfile> {
  const found = await repos.instanceProfiles.get(accountId, name);
  return authorizedEntity(ctx, {
    action,
    found,
    arnOf: instanceProfileArnOf,
    missingArn: instanceProfileArn(accountId, '/', name),
    missing: () => noSuchInstanceProfile(name),
    ...(context !== undefined ? { context } : {}),
  });
}
