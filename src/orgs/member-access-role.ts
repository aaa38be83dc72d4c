// The role CreateAccount puts in every new account (Organizations User Guide, "Accessing member accounts
// in your organization with OrganizationAccountAccessRole"): named by RoleName (default
// OrganizationAccountAccessRole), trusting the management account (its root, so that the management
// account's administrators can be allowed to assume it), with the AdministratorAccess AWS managed policy.
import { newUniqueId } from '../identity/index.ts';
import type { IamRole, StoreTx } from '../store/index.ts';

/** The default RoleName. */
export const DEFAULT_MEMBER_ROLE_NAME = 'OrganizationAccountAccessRole';
/** The AWS managed policy the role gets. */
export const ADMINISTRATOR_ACCESS_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** The trust policy of the role: the management account may assume it. */
export function memberAccessTrustPolicy(managementAccountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` }, Action: 'sts:AssumeRole' }],
  });
}

// AdministratorAccess as IAM lists it (GetPolicy / GetPolicyVersion of arn:aws:iam::aws:policy/AdministratorAccess).
// Stored only when the store does not hold it yet (the IAM service ships the AWS managed policies).
const ADMINISTRATOR_ACCESS = {
  arn: ADMINISTRATOR_ACCESS_ARN,
  accountId: undefined,
  name: 'AdministratorAccess',
  path: '/',
  policyId: 'ANPAIWMBCKSKIEE64ZLYK',
  defaultVersionId: 'v1',
  description: 'Provides full access to AWS services and resources.',
  tags: [],
  isAttachable: true,
  createdAt: new Date('2015-02-06T18:39:46Z'),
  updatedAt: new Date('2015-02-06T18:39:46Z'),
} as const;
const ADMINISTRATOR_ACCESS_DOCUMENT = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 4);

/** Creates the role in the new account and attaches AdministratorAccess to it. */
export async function createMemberAccessRole(
  tx: StoreTx,
  options: { readonly accountId: string; readonly roleName: string; readonly managementAccountId: string; readonly now: Date },
): Promise<IamRole> {
  const role = await tx.roles.insert({
    roleId: newUniqueId('AROA'),
    accountId: options.accountId,
    name: options.roleName,
    path: '/',
    assumeRolePolicy: memberAccessTrustPolicy(options.managementAccountId),
    description: undefined,
    maxSessionDuration: 3600,
    permissionsBoundaryArn: undefined,
    tags: [],
    createdAt: options.now,
  });
  if (!('roleId' in role)) throw new Error(`role ${options.roleName} already exists in the new account ${options.accountId}`);
  // Attachments reference the policy, so it must exist first.
  if ((await tx.managedPolicies.get(ADMINISTRATOR_ACCESS_ARN)) === undefined) {
    await tx.managedPolicies.insert(ADMINISTRATOR_ACCESS, {
      policyArn: ADMINISTRATOR_ACCESS_ARN,
      versionId: 'v1',
      document: ADMINISTRATOR_ACCESS_DOCUMENT,
      createdAt: ADMINISTRATOR_ACCESS.createdAt,
    });
  }
  await tx.policyAttachments.attach({ policyArn: ADMINISTRATOR_ACCESS_ARN, principalId: role.roleId, principalType: 'role', accountId: options.accountId });
  return role;
}
