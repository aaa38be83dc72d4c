import { sql, type RawBuilder } from 'kysely';
import type { PageRequest } from './pagination.ts';

// IAM names are unique per account without regard to case ("IAM object quotas and names",
// IAM User Guide: "names are not distinguished by case"), so lookups and the list order go
// through lower(name), which the schema's unique indexes cover. IAM names are ASCII
// ([\w+=,.@-]), where SQLite's and PostgreSQL's lower() agree.

/** `lower(column)`, the case-insensitive key of an IAM name. */
export function nameKey(column: string): RawBuilder<string> {
  return sql<string>`lower(${sql.ref(column)})`;
}

/** `lower(value)` for a name given by a caller. */
export function nameKeyOf(value: string): RawBuilder<string> {
  return sql<string>`lower(cast(${value} as text))`;
}

/**
 * Whether `column` starts with `prefix`, byte for byte. (LIKE would need escaping and is
 * case-insensitive on SQLite; PathPrefix is case-sensitive.)
 */
export function startsWith(column: string, prefix: string): RawBuilder<boolean> {
  return sql<boolean>`substr(${sql.ref(column)}, 1, length(cast(${prefix} as text))) = cast(${prefix} as text)`;
}

/** A listing of one account's IAM entities (users, groups, roles, policies). */
export interface IamListRequest extends PageRequest {
  readonly accountId: string;
  /** Only entities whose path starts with this (IAM's PathPrefix); all when absent. */
  readonly pathPrefix?: string | undefined;
}
