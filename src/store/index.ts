// The store: podiam's persistent state, one schema on SQLite (node:sqlite) or PostgreSQL.
// Services read and write through the typed repositories of a Store; hot paths read in-memory
// snapshots built in `store.read` and rebuilt when `revision()` moves.

export { openStore, type StoreOptions } from './open-store.ts';
export type { Store, StoreRepos, StoreTx } from './store.ts';
export type { StoreKind } from './store-kind.ts';
export { StoreConflict, StoreDataError, type StoreEntity } from './conflict.ts';
export { StoreReadOnlyError, StoreReentryError } from './scope.ts';
export { StoreMigrationError } from './migrations/migrate.ts';
export { StoreInvalidMarker, type Page, type PageRequest } from './pagination.ts';
export type { JsonObject, Tag } from './column-codecs.ts';
export type { PrincipalIds } from './principal-ids.ts';

export type { Account, AccountJoinedMethod, AccountPatch, AccountStatus, AccountsRepo } from './accounts.ts';
export type {
  Organization,
  OrganizationFeatureSet,
  OrganizationPatch,
  OrganizationalUnit,
  OrganizationsRepo,
} from './organizations.ts';
export type { OrgPolicy, OrgPolicyAttachment, OrgPolicyPatch, OrgPolicyType, OrgPoliciesRepo } from './org-policies.ts';
export type { IamListRequest } from './iam-listing.ts';
export type { PrincipalType } from './iam-principals.ts';
export type { IamUser, IamUserPatch, IamUsersRepo } from './iam-users.ts';
export type { GroupMembership, IamGroup, IamGroupPatch, IamGroupsRepo } from './iam-groups.ts';
export type { IamRole, IamRolePatch, IamRolesRepo, NewIamRole, RoleLastUsed } from './iam-roles.ts';
export type { IamInlinePoliciesRepo, InlinePolicy } from './iam-inline-policies.ts';
export type {
  IamManagedPoliciesRepo,
  ManagedPolicy,
  ManagedPolicyListRequest,
  ManagedPolicyListing,
  ManagedPolicyPatch,
  ManagedPolicyScope,
  PolicyVersion,
} from './iam-managed-policies.ts';
export type { AttachedPolicy, IamPolicyAttachmentsRepo, PolicyAttachment, PolicyEntity } from './iam-policy-attachments.ts';
export type { AccessKey, AccessKeyLastUsed, AccessKeyStatus, AccessKeysRepo, NewAccessKey } from './access-keys.ts';
export type { JwksDocument, OidcProvider, OidcProviderPatch, OidcProvidersRepo } from './oidc-providers.ts';
export type { IamInstanceProfilesRepo, InstanceProfile, InstanceProfilePatch, NewInstanceProfile } from './iam-instance-profiles.ts';
export type { AccountAlias, AccountAliasesRepo } from './account-aliases.ts';
export type { StsKey, StsKeysRepo } from './sts-keys.ts';
export type { Cluster, ClusterSigningKey, ClustersRepo } from './clusters.ts';
export { encodeAuditEvent } from './audit-events.ts';
export type { AuditEventRecord, AuditEventsRepo, AuditLookup, EncodedAuditEvent } from './audit-events.ts';
export type * from './s3-entities.ts';
