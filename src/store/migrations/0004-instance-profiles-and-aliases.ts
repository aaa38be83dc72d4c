import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { StoreKind } from '../store-kind.ts';

// IAM instance profiles and account aliases.
// - An instance profile (IAM API Reference, "CreateInstanceProfile") belongs to an account; its name
//   is unique there without regard to case, as every IAM name is. The roles it holds are rows of
//   instance_profile_roles naming the role's unique ID (AROA…), never its name, so a role recreated
//   under the same name is not in the old one's profiles. Deleting the profile, the role or the
//   account removes those rows.
// - An account alias (IAM API Reference, "CreateAccountAlias") is unique across every account (IAM
//   User Guide, "Your AWS account ID and its alias": an alias must be unique across all AWS products
//   in a partition), and an account holds at most one.
// As in the initial schema, PostgreSQL text columns are `COLLATE "C"`.

/** Creates instance_profiles, instance_profile_roles and account_aliases. */
export async function up(db: Kysely<unknown>, kind: StoreKind): Promise<void> {
  const text: 'text' | RawBuilder<unknown> = kind === 'postgres' ? sql`text collate "C"` : 'text';
  const s = db.schema;

  await s
    .createTable('instance_profiles')
    .addColumn('instance_profile_id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('path', text, (c) => c.notNull())
    .addColumn('tags', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await sql`create unique index instance_profiles_name on instance_profiles (account_id, lower(name))`.execute(db);

  await s
    .createTable('instance_profile_roles')
    .addColumn('instance_profile_id', text, (c) => c.notNull().references('instance_profiles.instance_profile_id').onDelete('cascade'))
    .addColumn('role_id', text, (c) => c.notNull().references('roles.role_id').onDelete('cascade'))
    .addPrimaryKeyConstraint('instance_profile_roles_pk', ['instance_profile_id', 'role_id'])
    .execute();
  await s.createIndex('instance_profile_roles_role').on('instance_profile_roles').column('role_id').execute();

  await s
    .createTable('account_aliases')
    .addColumn('alias', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().unique().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
}
