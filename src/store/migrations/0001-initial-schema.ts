import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { StoreKind } from '../store-kind.ts';

// The initial schema, written once for both backends. Column types are the ones SQLite and
// PostgreSQL share (text, integer); the only difference is that PostgreSQL text columns are
// declared `COLLATE "C"`, so that ordering and comparison are byte-wise as SQLite's BINARY is,
// whatever locale the PostgreSQL cluster was created with (IAM list order must not depend on it).

/** Creates every table, index and the `revision` counter. */
export async function up(db: Kysely<unknown>, kind: StoreKind): Promise<void> {
  const text: 'text' | RawBuilder<unknown> = kind === 'postgres' ? sql`text collate "C"` : 'text';
  const s = db.schema;

  await s
    .createTable('meta')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('value', text, (c) => c.notNull())
    .execute();
  await sql`insert into meta (key, value) values ('revision', '0')`.execute(db);

  // Organizations and accounts reference each other: an account names its organization, an
  // organization names its management account. Accounts are created first (organization NULL).
  await s
    .createTable('accounts')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('email', text, (c) => c.notNull())
    // SQLite accepts a reference to a table that does not exist yet; PostgreSQL gets the
    // same constraint by ALTER TABLE once organizations exists.
    .addColumn('organization_id', text, (c) =>
      kind === 'sqlite' ? c.references('organizations.id').onDelete('set null') : c,
    )
    .addColumn('parent_id', text)
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('joined_method', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await s
    .createTable('organizations')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('management_account_id', text, (c) => c.notNull().references('accounts.id'))
    .addColumn('feature_set', text, (c) => c.notNull())
    .addColumn('root_id', text, (c) => c.notNull().unique())
    .addColumn('root_name', text, (c) => c.notNull())
    .addColumn('enabled_policy_types', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  if (kind === 'postgres') {
    await sql`alter table accounts add constraint accounts_organization_fk
      foreign key (organization_id) references organizations (id) on delete set null`.execute(db);
  }
  await s.createIndex('accounts_organization').on('accounts').columns(['organization_id', 'id']).execute();
  await s.createIndex('accounts_parent').on('accounts').column('parent_id').execute();

  await s
    .createTable('organizational_units')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text, (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('parent_id', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('organizational_units_name', ['parent_id', 'name'])
    .execute();

  await s
    .createTable('org_policies')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text, (c) => c.references('organizations.id').onDelete('cascade'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('content', text, (c) => c.notNull())
    .addColumn('aws_managed', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await sql`create unique index org_policies_name on org_policies (coalesce(organization_id, ''), name)`.execute(db);
  await s
    .createTable('org_policy_attachments')
    .addColumn('policy_id', text, (c) => c.notNull().references('org_policies.id').onDelete('cascade'))
    .addColumn('target_id', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('org_policy_attachments_pk', ['policy_id', 'target_id'])
    .execute();
  await s.createIndex('org_policy_attachments_target').on('org_policy_attachments').column('target_id').execute();

  // IAM principals. Names are unique per account without regard to case (IAM User Guide,
  // "IAM object quotas and names": names are not distinguished by case), hence the
  // lower(name) indexes, which also give the list order. Rows that hang off a principal refer
  // to its unique ID (AIDA…/AGPA…/AROA…), never its name: a principal recreated under the same
  // name is a different principal and must not inherit the old one's grants.
  await s
    .createTable('users')
    .addColumn('user_id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('path', text, (c) => c.notNull())
    .addColumn('permissions_boundary_arn', text)
    .addColumn('tags', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await sql`create unique index users_name on users (account_id, lower(name))`.execute(db);

  await s
    .createTable('groups')
    .addColumn('group_id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('path', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await sql`create unique index groups_name on "groups" (account_id, lower(name))`.execute(db);
  await s
    .createTable('group_members')
    .addColumn('group_id', text, (c) => c.notNull().references('groups.group_id').onDelete('cascade'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.user_id').onDelete('cascade'))
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
    .execute();
  await s.createIndex('group_members_user').on('group_members').column('user_id').execute();

  await s
    .createTable('roles')
    .addColumn('role_id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('path', text, (c) => c.notNull())
    .addColumn('assume_role_policy', text, (c) => c.notNull())
    .addColumn('description', text)
    .addColumn('max_session_duration', 'integer', (c) => c.notNull())
    .addColumn('permissions_boundary_arn', text)
    .addColumn('tags', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_used_at', text)
    .addColumn('last_used_region', text)
    .execute();
  await sql`create unique index roles_name on roles (account_id, lower(name))`.execute(db);

  await s
    .createTable('inline_policies')
    .addColumn('principal_id', text, (c) => c.notNull())
    .addColumn('principal_type', text, (c) => c.notNull())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('policy_name', text, (c) => c.notNull())
    .addColumn('document', text, (c) => c.notNull())
    .execute();
  await sql`create unique index inline_policies_name on inline_policies (principal_id, lower(policy_name))`.execute(db);

  await s
    .createTable('managed_policies')
    .addColumn('arn', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.references('accounts.id').onDelete('cascade'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('path', text, (c) => c.notNull())
    .addColumn('policy_id', text, (c) => c.notNull().unique())
    .addColumn('default_version_id', text, (c) => c.notNull())
    .addColumn('description', text)
    .addColumn('tags', text, (c) => c.notNull())
    .addColumn('is_attachable', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await sql`create unique index managed_policies_name on managed_policies (coalesce(account_id, ''), lower(name))`.execute(db);
  await s
    .createTable('policy_versions')
    .addColumn('policy_arn', text, (c) => c.notNull().references('managed_policies.arn').onDelete('cascade'))
    .addColumn('version_id', text, (c) => c.notNull())
    .addColumn('document', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_versions_pk', ['policy_arn', 'version_id'])
    .execute();
  await s
    .createTable('policy_attachments')
    .addColumn('policy_arn', text, (c) => c.notNull().references('managed_policies.arn').onDelete('cascade'))
    .addColumn('principal_id', text, (c) => c.notNull())
    .addColumn('principal_type', text, (c) => c.notNull())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('policy_attachments_pk', ['policy_arn', 'principal_id'])
    .execute();
  await s.createIndex('policy_attachments_principal').on('policy_attachments').column('principal_id').execute();

  await s
    .createTable('access_keys')
    .addColumn('access_key_id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('user_id', text, (c) => c.references('users.user_id').onDelete('cascade'))
    .addColumn('secret_access_key', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_used_at', text)
    .addColumn('last_used_service', text)
    .addColumn('last_used_region', text)
    .execute();
  await s.createIndex('access_keys_owner').on('access_keys').columns(['account_id', 'user_id']).execute();
  await s.createIndex('access_keys_user').on('access_keys').column('user_id').execute();

  await s
    .createTable('oidc_providers')
    .addColumn('arn', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('url', text, (c) => c.notNull())
    .addColumn('client_ids', text, (c) => c.notNull())
    .addColumn('thumbprints', text, (c) => c.notNull())
    .addColumn('tags', text, (c) => c.notNull())
    .addColumn('jwks', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await s.createIndex('oidc_providers_account').on('oidc_providers').columns(['account_id', 'arn']).execute();

  await s
    .createTable('sts_keys')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('key_material', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('retired_at', text)
    .execute();

  await s
    .createTable('clusters')
    .addColumn('name', text, (c) => c.primaryKey())
    .addColumn('issuer_url', text, (c) => c.notNull().unique())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await s
    .createTable('cluster_signing_keys')
    .addColumn('cluster_name', text, (c) => c.notNull().references('clusters.name').onDelete('cascade'))
    .addColumn('kid', text, (c) => c.notNull())
    .addColumn('private_jwk', text, (c) => c.notNull())
    .addColumn('public_jwk', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('retired_at', text)
    .addColumn('expires_public_at', text)
    .addPrimaryKeyConstraint('cluster_signing_keys_pk', ['cluster_name', 'kid'])
    .execute();

  await s
    .createTable('audit_events')
    .addColumn('event_id', text, (c) => c.primaryKey())
    .addColumn('event_time', text, (c) => c.notNull())
    .addColumn('event_name', text, (c) => c.notNull())
    .addColumn('event_source', text, (c) => c.notNull())
    .addColumn('account_id', text)
    .addColumn('principal_arn', text)
    .addColumn('role_arn', text)
    .addColumn('access_key_id', text)
    .addColumn('error_code', text)
    .addColumn('request_id', text, (c) => c.notNull())
    .addColumn('source_ip', text, (c) => c.notNull())
    .addColumn('event', text, (c) => c.notNull())
    .execute();
  // Lookups run newest first within one attribute, as CloudTrail's LookupEvents does; each
  // index ends in (event_time, event_id), the page order.
  for (const column of ['account_id', 'principal_arn', 'role_arn', 'access_key_id', 'event_name', 'event_source', 'error_code']) {
    await s.createIndex(`audit_events_${column}`).on('audit_events').columns([column, 'event_time', 'event_id']).execute();
  }
  await s.createIndex('audit_events_time').on('audit_events').columns(['event_time', 'event_id']).execute();
}
