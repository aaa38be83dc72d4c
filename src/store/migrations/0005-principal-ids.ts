import type { Kysely } from 'kysely';

// IAM User Guide, "AWS JSON policy elements: Principal" (IAM role principals, IAM user principals): an
// ARN of a specific IAM role or user in the Principal element of a resource-based policy is transformed
// into that entity's unique principal ID (AROA…, AIDA…) when the policy is saved, so a role or user
// deleted and recreated under the same name does not inherit what the old one was granted. podiam keeps
// the document as submitted and, beside it, the unique ID each such ARN named when it was saved: a JSON
// object `{ "<arn>": "<unique ID>" }`, NULL when the document names no role or user.

/** Adds roles.trust_principal_ids and s3_buckets.policy_principal_ids. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('roles').addColumn('trust_principal_ids', 'text').execute();
  await db.schema.alterTable('s3_buckets').addColumn('policy_principal_ids', 'text').execute();
}
