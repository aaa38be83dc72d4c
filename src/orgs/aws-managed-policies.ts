// The AWS managed Organizations policies (Organizations User Guide, "Service control policies" and
// "Resource control policies"): FullAWSAccess (p-FullAWSAccess) and RCPFullAWSAccess
// (p-RCPFullAWSAccess) allow everything. Enabling a policy type attaches its full-access policy to the
// root and to every OU and account, and accounts created later get it too; SCPs need an Allow at every
// level, so without it nothing in a member account would be allowed.
import type { OrgPolicy, OrgPolicyType, StoreTx } from '../store/index.ts';

const CREATED = new Date(Date.UTC(2016, 10, 28));

const FULL_AWS_ACCESS: OrgPolicy = {
  id: 'p-FullAWSAccess',
  organizationId: undefined,
  name: 'FullAWSAccess',
  description: 'Allows access to every operation',
  type: 'SERVICE_CONTROL_POLICY',
  content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2),
  awsManaged: true,
  createdAt: CREATED,
};

const RCP_FULL_AWS_ACCESS: OrgPolicy = {
  id: 'p-RCPFullAWSAccess',
  organizationId: undefined,
  name: 'RCPFullAWSAccess',
  description: 'Allows access to every resource',
  type: 'RESOURCE_CONTROL_POLICY',
  content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }, null, 2),
  awsManaged: true,
  createdAt: CREATED,
};

/** The full-access policy AWS attaches for a policy type. */
export function fullAccessPolicy(type: OrgPolicyType): OrgPolicy {
  switch (type) {
    case 'SERVICE_CONTROL_POLICY':
      return FULL_AWS_ACCESS;
    case 'RESOURCE_CONTROL_POLICY':
      return RCP_FULL_AWS_ACCESS;
    default: {
      const never: never = type;
      return never;
    }
  }
}

/** Stores the AWS managed policies if they are not yet (they are shared by every organization). */
export async function ensureAwsManagedPolicies(tx: StoreTx): Promise<void> {
  for (const policy of [FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS]) {
    if ((await tx.orgPolicies.get(policy.id)) === undefined) await tx.orgPolicies.insert(policy);
  }
}
