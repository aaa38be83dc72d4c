// Finding a policy for an action on it: the organization's own policies and the AWS managed ones are
// visible, others are not (PolicyNotFoundException); the action is authorised on the policy's ARN with
// its type as `organizations:PolicyType` (Service Authorization Reference, resource type `policy`).
import type { CallContext } from '../api/index.ts';
import type { Organization, OrgPolicy, OrgPolicyType } from '../store/index.ts';
import { authorizeOrg } from './org-access.ts';
import { policyArn } from './org-arns.ts';
import { policyNotFound } from './org-errors.ts';

/** The policy, once the caller may act on it; otherwise the error AWS gives. */
export async function authorizedPolicy(ctx: CallContext, organization: Organization, policyId: string, action: string): Promise<OrgPolicy> {
  const policy = await ctx.store.orgPolicies.get(policyId);
  if (policy === undefined || (!policy.awsManaged && policy.organizationId !== organization.id)) {
    // Say "not found" only to a caller who may perform the action at all.
    authorizeOrg(ctx, { action, resource: '*' });
    throw policyNotFound();
  }
  authorizeOrg(ctx, {
    action,
    resource: policyArn(policy, organization.managementAccountId, organization.id),
    context: { 'organizations:PolicyType': policy.type },
  });
  return policy;
}

/** The SCP/RCP type of a request, or undefined for the types podiam does not implement. */
export function orgPolicyType(type: string): OrgPolicyType | undefined {
  return type === 'SERVICE_CONTROL_POLICY' || type === 'RESOURCE_CONTROL_POLICY' ? type : undefined;
}
