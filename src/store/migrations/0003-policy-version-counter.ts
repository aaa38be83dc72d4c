import type { Kysely } from 'kysely';

// IAM numbers a managed policy's versions v1, v2, … and never gives a number out twice: after v5 is
// deleted, the next version is v6, not v5 again. The highest number ever given is kept with the
// policy (NULL for policies written before this column: their highest existing version counts).

/** Adds managed_policies.last_version_number. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('managed_policies').addColumn('last_version_number', 'integer').execute();
}
