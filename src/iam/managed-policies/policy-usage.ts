// AttachmentCount and PermissionsBoundaryUsageCount of a managed policy, as one account sees them
// (IAM API Reference, "Policy").
import type { StoreRepos } from '../../store/index.ts';
import type { PolicyUsage } from '../shapes/managed-policy.ts';
import { allPages } from '../pagination.ts';

/** How the account's users, groups and roles use the policy. */
export async function policyUsage(repos: StoreRepos, accountId: string, arn: string): Promise<PolicyUsage> {
  const [entities, roles, users] = await Promise.all([
    allPages((page) => repos.policyAttachments.listEntities(arn, { accountId, ...page })),
    repos.roles.all(accountId),
    repos.users.all(accountId),
  ]);
  const boundaries = roles.filter((r) => r.permissionsBoundaryArn === arn).length + users.filter((u) => u.permissionsBoundaryArn === arn).length;
  return { attachmentCount: entities.length, permissionsBoundaryUsageCount: boundaries };
}
