// ARNs of Organizations resources (Service Authorization Reference, "Actions, resources, and condition
// keys for AWS Organizations", resource types): everything of an organization lives in the management
// account's namespace; AWS managed policies in `aws`'s.
import type { OrgPolicy } from '../store/index.ts';

const PREFIX = 'arn:aws:organizations::';

/** `arn:aws:organizations::MGMT:organization/o-…`. */
export function organizationArn(managementAccountId: string, organizationId: string): string {
  return `${PREFIX}${managementAccountId}:organization/${organizationId}`;
}

/** `arn:aws:organizations::MGMT:account/o-…/ACCOUNT`. */
export function accountArn(managementAccountId: string, organizationId: string, accountId: string): string {
  return `${PREFIX}${managementAccountId}:account/${organizationId}/${accountId}`;
}

/** `arn:aws:organizations::MGMT:root/o-…/r-…`. */
export function rootArn(managementAccountId: string, organizationId: string, rootId: string): string {
  return `${PREFIX}${managementAccountId}:root/${organizationId}/${rootId}`;
}

/** `arn:aws:organizations::MGMT:ou/o-…/ou-…`. */
export function unitArn(managementAccountId: string, organizationId: string, unitId: string): string {
  return `${PREFIX}${managementAccountId}:ou/${organizationId}/${unitId}`;
}

/**
 * `arn:aws:organizations::MGMT:policy/o-…/service_control_policy/p-…`, or for AWS managed policies
 * `arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess`.
 */
export function policyArn(policy: Pick<OrgPolicy, 'id' | 'type' | 'awsManaged'>, managementAccountId: string, organizationId: string): string {
  const type = policy.type.toLowerCase();
  return policy.awsManaged ? `${PREFIX}aws:policy/${type}/${policy.id}` : `${PREFIX}${managementAccountId}:policy/${organizationId}/${type}/${policy.id}`;
}
