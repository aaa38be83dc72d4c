// The one schema that both backends hold, as Kysely sees it: column names and the JavaScript
// values that travel over the driver. Conventions, the same in SQLite and PostgreSQL:
// - timestamps are ISO-8601 UTC text as Date.prototype.toISOString() writes it (always
//   milliseconds, always `Z`), so text order is time order;
// - JSON documents (tags, client ids, JWKs, audit events) are text; policy documents are the
//   text the caller gave, byte for byte (IAM returns a document as it was submitted);
// - booleans are integers 0/1; counters are 32-bit integers (pg returns int8 as strings);
// - text compares byte-wise (SQLite BINARY, PostgreSQL `COLLATE "C"`), so order is identical.
// The typed API in the entity files converts rows to domain records; nothing above the store
// sees these row types.
import type { S3Tables } from './s3-schema.ts';

/** ISO-8601 UTC text with milliseconds, as `Date.prototype.toISOString()` writes it. */
export type IsoText = string;
/** A JSON document stored as text. */
export type JsonText = string;
/** 0 or 1. */
export type Flag = number;

export interface MetaTable {
  key: string;
  value: string;
}

export interface OrganizationsTable {
  id: string;
  management_account_id: string;
  feature_set: string;
  root_id: string;
  root_name: string;
  enabled_policy_types: JsonText;
  created_at: IsoText;
}

export interface AccountsTable {
  id: string;
  name: string;
  email: string;
  organization_id: string | null;
  parent_id: string | null;
  status: string;
  joined_method: string;
  created_at: IsoText;
}

export interface OrganizationalUnitsTable {
  id: string;
  organization_id: string;
  parent_id: string;
  name: string;
  created_at: IsoText;
}

export interface OrgPoliciesTable {
  id: string;
  organization_id: string | null;
  name: string;
  description: string;
  type: string;
  content: string;
  aws_managed: Flag;
  created_at: IsoText;
}

export interface OrgPolicyAttachmentsTable {
  policy_id: string;
  target_id: string;
}

export interface UsersTable {
  user_id: string;
  account_id: string;
  name: string;
  path: string;
  permissions_boundary_arn: string | null;
  tags: JsonText;
  created_at: IsoText;
}

export interface GroupsTable {
  group_id: string;
  account_id: string;
  name: string;
  path: string;
  created_at: IsoText;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
}

export interface RolesTable {
  role_id: string;
  account_id: string;
  name: string;
  path: string;
  assume_role_policy: string;
  description: string | null;
  max_session_duration: number;
  permissions_boundary_arn: string | null;
  tags: JsonText;
  created_at: IsoText;
  last_used_at: IsoText | null;
  last_used_region: string | null;
  /** `{ "<principal ARN>": "<unique ID>" }` the trust policy's role and user principals were saved as; NULL: none. */
  trust_principal_ids: JsonText | null;
}

export interface InlinePoliciesTable {
  principal_id: string;
  principal_type: string;
  account_id: string;
  policy_name: string;
  document: string;
}

export interface ManagedPoliciesTable {
  arn: string;
  /** NULL for AWS managed policies. */
  account_id: string | null;
  name: string;
  path: string;
  policy_id: string;
  default_version_id: string;
  description: string | null;
  tags: JsonText;
  is_attachable: Flag;
  created_at: IsoText;
  updated_at: IsoText;
  /** The highest version number ever given (NULL: the highest existing one); never reused. */
  last_version_number: number | null;
}

export interface PolicyVersionsTable {
  policy_arn: string;
  version_id: string;
  document: string;
  created_at: IsoText;
}

export interface PolicyAttachmentsTable {
  policy_arn: string;
  principal_id: string;
  principal_type: string;
  account_id: string;
}

export interface AccessKeysTable {
  access_key_id: string;
  account_id: string;
  /** NULL for the account root user's keys. */
  user_id: string | null;
  secret_access_key: string;
  status: string;
  created_at: IsoText;
  last_used_at: IsoText | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

export interface OidcProvidersTable {
  arn: string;
  account_id: string;
  url: string;
  client_ids: JsonText;
  thumbprints: JsonText;
  tags: JsonText;
  jwks: JsonText | null;
  created_at: IsoText;
}

export interface InstanceProfilesTable {
  instance_profile_id: string;
  account_id: string;
  name: string;
  path: string;
  tags: JsonText;
  created_at: IsoText;
}

export interface InstanceProfileRolesTable {
  instance_profile_id: string;
  role_id: string;
}

export interface AccountAliasesTable {
  alias: string;
  account_id: string;
  created_at: IsoText;
}

export interface StsKeysTable {
  id: string;
  key_material: string;
  created_at: IsoText;
  retired_at: IsoText | null;
}

export interface ClustersTable {
  name: string;
  issuer_url: string;
  created_at: IsoText;
}

export interface ClusterSigningKeysTable {
  cluster_name: string;
  kid: string;
  private_jwk: JsonText;
  public_jwk: JsonText;
  created_at: IsoText;
  retired_at: IsoText | null;
  expires_public_at: IsoText | null;
}

export interface AuditEventsTable {
  event_id: string;
  event_time: IsoText;
  event_name: string;
  event_source: string;
  account_id: string | null;
  principal_arn: string | null;
  role_arn: string | null;
  access_key_id: string | null;
  error_code: string | null;
  request_id: string;
  source_ip: string;
  event: JsonText;
}

/** Every table of the store, as Kysely's database type. */
export interface Database extends S3Tables {
  meta: MetaTable;
  organizations: OrganizationsTable;
  accounts: AccountsTable;
  organizational_units: OrganizationalUnitsTable;
  org_policies: OrgPoliciesTable;
  org_policy_attachments: OrgPolicyAttachmentsTable;
  users: UsersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  roles: RolesTable;
  inline_policies: InlinePoliciesTable;
  managed_policies: ManagedPoliciesTable;
  policy_versions: PolicyVersionsTable;
  policy_attachments: PolicyAttachmentsTable;
  access_keys: AccessKeysTable;
  oidc_providers: OidcProvidersTable;
  instance_profiles: InstanceProfilesTable;
  instance_profile_roles: InstanceProfileRolesTable;
  account_aliases: AccountAliasesTable;
  sts_keys: StsKeysTable;
  clusters: ClustersTable;
  cluster_signing_keys: ClusterSigningKeysTable;
  audit_events: AuditEventsTable;
}
