// AWS Organizations on its JSON 1.1 protocol: the subset multi-account set-ups need — the organization
// and its root, member accounts with OrganizationAccountAccessRole, and service and resource control
// policies, which the identity snapshot applies to member accounts.
import { serviceDefinition, type ServiceDefinition } from '../api/index.ts';
import { attachPolicy } from './attach-policy.ts';
import { createAccount } from './create-account.ts';
import { FailedAccountRequests } from './create-account-status.ts';
import { createOrganization } from './create-organization.ts';
import { createPolicy } from './create-policy.ts';
import { deletePolicy } from './delete-policy.ts';
import { describeAccount } from './describe-account.ts';
import { describeCreateAccountStatus } from './describe-create-account-status.ts';
import { describeOrganization } from './describe-organization.ts';
import { describePolicy } from './describe-policy.ts';
import { detachPolicy } from './detach-policy.ts';
import { listAccounts } from './list-accounts.ts';
import { listCreateAccountStatus } from './list-create-account-status.ts';
import { listPolicies } from './list-policies.ts';
import { listPoliciesForTarget } from './list-policies-for-target.ts';
import { listRoots } from './list-roots.ts';
import { listTargetsForPolicy } from './list-targets-for-policy.ts';
import { disablePolicyType, enablePolicyType } from './policy-types.ts';
import { updatePolicy } from './update-policy.ts';

/** The Organizations service. */
export function createOrganizationsService(): ServiceDefinition {
  const failures = new FailedAccountRequests();
  return serviceDefinition({
    signingName: 'organizations',
    eventSource: 'organizations.amazonaws.com',
    protocol: 'json',
    operations: [
      createOrganization,
      describeOrganization,
      createAccount({ failures }),
      describeCreateAccountStatus({ failures }),
      listCreateAccountStatus({ failures }),
      listAccounts,
      describeAccount,
      listRoots,
      createPolicy,
      describePolicy,
      updatePolicy,
      deletePolicy,
      listPolicies,
      attachPolicy,
      detachPolicy,
      listPoliciesForTarget,
      listTargetsForPolicy,
      enablePolicyType,
      disablePolicyType,
    ],
  });
}

export { ADMINISTRATOR_ACCESS_ARN, DEFAULT_MEMBER_ROLE_NAME, memberAccessTrustPolicy } from './member-access-role.ts';
export { createAccountRequestId } from './create-account-status.ts';
