// Managed policies as the IAM operations name them: by ARN (customer managed in the caller's account,
// or AWS managed under `arn:aws:iam::aws:policy/`), with IAM's errors for a malformed, missing or
// unattachable one.
import { awsError, parsePolicyArn, type AwsError } from '../../aws/index.ts';
import type { CallContext } from '../../api/index.ts';
import type { ManagedPolicy, StoreRepos } from '../../store/index.ts';

/** `arn:aws:iam::ACCOUNT:policy/PATH/NAME`. */
export function managedPolicyArn(accountId: string, path: string, name: string): string {
  return `arn:aws:iam::${accountId}:policy${path}${name}`;
}

/** NoSuchEntity of GetPolicy, DeletePolicy and the version operations. */
export function policyNotFound(arn: string): AwsError {
  return awsError('NoSuchEntity', `Policy ${arn} was not found.`);
}

/** NoSuchEntity of Attach*Policy and Put*PermissionsBoundary. */
export function policyNotAttachable(arn: string): AwsError {
  return awsError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
}

/** Checks a policy ARN's form (`InvalidInput: ARN x is not valid.`). */
export function checkPolicyArn(text: string): string {
  const parsed = parsePolicyArn(text);
  if (!parsed.ok) throw parsed.error;
  return parsed.value.arn;
}

/** The policy if the account can see it: its own customer managed policies and every AWS managed one. */
export async function visiblePolicy(repos: StoreRepos, accountId: string, arn: string): Promise<ManagedPolicy | undefined> {
  const policy = await repos.managedPolicies.get(arn);
  if (policy === undefined) return undefined;
  return policy.accountId === undefined || policy.accountId === accountId ? policy : undefined;
}

/** The policy, after authorizing `action` on its ARN; `missing` is the error when it is not there. */
export async function authorizedPolicy(
  ctx: CallContext,
  repos: StoreRepos,
  accountId: string,
  action: string,
  arnText: string,
  missing: (arn: string) => AwsError = policyNotFound,
): Promise<ManagedPolicy> {
  const arn = checkPolicyArn(arnText);
  ctx.authorize({ action, resource: arn });
  const policy = await visiblePolicy(repos, accountId, arn);
  if (policy === undefined) throw missing(arn);
  return policy;
}

/** AWS managed policies belong to AWS: an account can attach them, but never change or delete them. */
export function customerPolicy(policy: ManagedPolicy): ManagedPolicy {
  if (policy.accountId === undefined) throw awsError('InvalidInput', `ARN ${policy.arn} is not valid.`);
  return policy;
}

/** NoSuchEntity for a version of a policy. */
export function noSuchPolicyVersion(arn: string, versionId: string): AwsError {
  return awsError('NoSuchEntity', `Policy ${arn} version ${versionId} does not exist.`);
}
