import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The IAM identities that policies attach to. */
export type PrincipalType = 'user' | 'group' | 'role';
export const principalTypes: readonly PrincipalType[] = ['user', 'group', 'role'];

/**
 * Removes the rows that hang off a principal by its unique ID (inline policies, managed policy
 * attachments); they name users, groups and roles alike, so carry no foreign key.
 */
export async function deletePrincipalPolicies(db: Kysely<Database>, principalId: string): Promise<void> {
  await db.deleteFrom('inline_policies').where('principal_id', '=', principalId).execute();
  await db.deleteFrom('policy_attachments').where('principal_id', '=', principalId).execute();
}
