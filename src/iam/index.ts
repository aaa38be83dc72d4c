// IAM on AWS's Query protocol: roles, users, groups, access keys, inline and managed policies (with
// versions and the shipped AWS managed policies), permissions boundaries, OIDC providers, instance
// profiles, account aliases, the policy simulator and GetAccountAuthorizationDetails — each operation
// authorised by the policy engine.
import { serviceDefinition, type Operation, type ServiceDefinition } from '../api/index.ts';
import { getAccountAuthorizationDetails } from './account/get-account-authorization-details.ts';
import { createAccountAlias } from './account-aliases/create-account-alias.ts';
import { deleteAccountAlias } from './account-aliases/delete-account-alias.ts';
import { listAccountAliases } from './account-aliases/list-account-aliases.ts';
import { getAccountSummary } from './account/get-account-summary.ts';
import { getContextKeysForCustomPolicy } from './context-keys/get-context-keys-for-custom-policy.ts';
import { getContextKeysForPrincipalPolicy } from './context-keys/get-context-keys-for-principal-policy.ts';
import { createAccessKey } from './access-keys/create-access-key.ts';
import { deleteAccessKey } from './access-keys/delete-access-key.ts';
import { getAccessKeyLastUsed } from './access-keys/get-access-key-last-used.ts';
import { listAccessKeys } from './access-keys/list-access-keys.ts';
import { updateAccessKey } from './access-keys/update-access-key.ts';
import { attachPolicy } from './attachments/attach-policy.ts';
import { detachPolicy } from './attachments/detach-policy.ts';
import { listAttachedPolicies } from './attachments/list-attached-policies.ts';
import { addUserToGroup } from './groups/add-user-to-group.ts';
import { createGroup } from './groups/create-group.ts';
import { deleteGroup } from './groups/delete-group.ts';
import { getGroup } from './groups/get-group.ts';
import { listGroups } from './groups/list-groups.ts';
import { listGroupsForUser } from './groups/list-groups-for-user.ts';
import { removeUserFromGroup } from './groups/remove-user-from-group.ts';
import { updateGroup } from './groups/update-group.ts';
import { deleteInlinePolicy } from './inline-policies/delete-policy.ts';
import { addRoleToInstanceProfile } from './instance-profiles/add-role-to-instance-profile.ts';
import { createInstanceProfile } from './instance-profiles/create-instance-profile.ts';
import { deleteInstanceProfile } from './instance-profiles/delete-instance-profile.ts';
import { getInstanceProfile } from './instance-profiles/get-instance-profile.ts';
import { listInstanceProfiles } from './instance-profiles/list-instance-profiles.ts';
import { listInstanceProfilesForRole } from './instance-profiles/list-instance-profiles-for-role.ts';
import { removeRoleFromInstanceProfile } from './instance-profiles/remove-role-from-instance-profile.ts';
import { getInlinePolicy } from './inline-policies/get-policy.ts';
import { listInlinePolicies } from './inline-policies/list-policies.ts';
import { putInlinePolicy } from './inline-policies/put-policy.ts';
import { createPolicy } from './managed-policies/create-policy.ts';
import { createPolicyVersion } from './managed-policies/create-policy-version.ts';
import { deletePolicy } from './managed-policies/delete-policy.ts';
import { deletePolicyVersion } from './managed-policies/delete-policy-version.ts';
import { getPolicy } from './managed-policies/get-policy.ts';
import { getPolicyVersion } from './managed-policies/get-policy-version.ts';
import { listEntitiesForPolicy } from './managed-policies/list-entities-for-policy.ts';
import { listPolicies } from './managed-policies/list-policies.ts';
import { listPolicyVersions } from './managed-policies/list-policy-versions.ts';
import { setDefaultPolicyVersion } from './managed-policies/set-default-policy-version.ts';
import { addClientIDToOpenIDConnectProvider } from './oidc-providers/add-client-id.ts';
import { createOpenIDConnectProvider } from './oidc-providers/create-open-id-connect-provider.ts';
import { deleteOpenIDConnectProvider } from './oidc-providers/delete-open-id-connect-provider.ts';
import { getOpenIDConnectProvider } from './oidc-providers/get-open-id-connect-provider.ts';
import { listOpenIDConnectProviders } from './oidc-providers/list-open-id-connect-providers.ts';
import { removeClientIDFromOpenIDConnectProvider } from './oidc-providers/remove-client-id.ts';
import { updateOpenIDConnectProviderThumbprint } from './oidc-providers/update-thumbprint.ts';
import {
  deleteRolePermissionsBoundary,
  deleteUserPermissionsBoundary,
  putRolePermissionsBoundary,
  putUserPermissionsBoundary,
} from './principals/permissions-boundary.ts';
import { GROUP_HOLDER, ROLE_HOLDER, USER_HOLDER } from './principals/policy-holders.ts';
import { simulateCustomPolicy } from './simulation/simulate-custom-policy.ts';
import { simulatePrincipalPolicy } from './simulation/simulate-principal-policy.ts';
import { createRole } from './roles/create-role.ts';
import { deleteRole } from './roles/delete-role.ts';
import { getRole } from './roles/get-role.ts';
import { listRoles } from './roles/list-roles.ts';
import { updateAssumeRolePolicy } from './roles/update-assume-role-policy.ts';
import { updateRole } from './roles/update-role.ts';
import { updateRoleDescription } from './roles/update-role-description.ts';
import { tagOperations } from './tags/tag-operations.ts';
import {
  TAGGABLE_INSTANCE_PROFILE,
  TAGGABLE_OIDC_PROVIDER,
  TAGGABLE_POLICY,
  TAGGABLE_ROLE,
  TAGGABLE_USER,
} from './tags/taggable-entities.ts';
import { createUser } from './users/create-user.ts';
import { deleteUser } from './users/delete-user.ts';
import { getUser } from './users/get-user.ts';
import { listUsers } from './users/list-users.ts';
import { updateUser } from './users/update-user.ts';

/** Every IAM operation podiam serves. */
export function iamOperations(): Operation[] {
  const holders = [ROLE_HOLDER, USER_HOLDER, GROUP_HOLDER];
  return [
    createRole,
    getRole,
    listRoles,
    updateRole,
    updateRoleDescription,
    updateAssumeRolePolicy,
    deleteRole,
    putRolePermissionsBoundary,
    deleteRolePermissionsBoundary,
    createUser,
    getUser,
    listUsers,
    updateUser,
    deleteUser,
    putUserPermissionsBoundary,
    deleteUserPermissionsBoundary,
    createAccessKey,
    listAccessKeys,
    updateAccessKey,
    deleteAccessKey,
    getAccessKeyLastUsed,
    createGroup,
    getGroup,
    listGroups,
    updateGroup,
    deleteGroup,
    addUserToGroup,
    removeUserFromGroup,
    listGroupsForUser,
    createPolicy,
    getPolicy,
    listPolicies,
    deletePolicy,
    createPolicyVersion,
    getPolicyVersion,
    listPolicyVersions,
    deletePolicyVersion,
    setDefaultPolicyVersion,
    listEntitiesForPolicy,
    createOpenIDConnectProvider,
    getOpenIDConnectProvider,
    listOpenIDConnectProviders,
    deleteOpenIDConnectProvider,
    addClientIDToOpenIDConnectProvider,
    removeClientIDFromOpenIDConnectProvider,
    updateOpenIDConnectProviderThumbprint,
    createInstanceProfile,
    getInstanceProfile,
    listInstanceProfiles,
    deleteInstanceProfile,
    addRoleToInstanceProfile,
    removeRoleFromInstanceProfile,
    listInstanceProfilesForRole,
    createAccountAlias,
    deleteAccountAlias,
    listAccountAliases,
    simulateCustomPolicy,
    simulatePrincipalPolicy,
    getContextKeysForCustomPolicy,
    getContextKeysForPrincipalPolicy,
    getAccountAuthorizationDetails,
    getAccountSummary,
    ...holders.flatMap((h) => [putInlinePolicy(h), getInlinePolicy(h), listInlinePolicies(h), deleteInlinePolicy(h)]),
    ...holders.flatMap((h) => [attachPolicy(h), detachPolicy(h), listAttachedPolicies(h)]),
    ...tagOperations(TAGGABLE_ROLE),
    ...tagOperations(TAGGABLE_USER),
    ...tagOperations(TAGGABLE_POLICY),
    ...tagOperations(TAGGABLE_OIDC_PROVIDER),
    ...tagOperations(TAGGABLE_INSTANCE_PROFILE),
  ];
}

/** The IAM service. */
export function createIamService(): ServiceDefinition {
  return serviceDefinition({ signingName: 'iam', eventSource: 'iam.amazonaws.com', protocol: 'query', operations: iamOperations() });
}

export { seedAwsManagedPolicies } from './aws-managed-policies/seed.ts';
