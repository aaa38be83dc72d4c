import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { decodeMarker, toPage, type Page, type PageRequest, type StoreInvalidMarker } from './pagination.ts';
import type { Database } from './schema.ts';

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

/** The tables of IAM entities that one account lists by name, each with a path. */
export type IamNamedTable = {
  [T in keyof Database]: Database[T] extends { account_id: string; name: string; path: string } ? T : never;
}[keyof Database];

/**
 * One page of an account's IAM entities in name order, as rows for the repository to map:
 * `from` selects the row from one IAM table (`db.selectFrom('users').selectAll()`), and this
 * adds the account, PathPrefix and marker filters, the order and the limit.
 */
export async function listByName<TB extends IamNamedTable, O>(
  from: SelectQueryBuilder<Database, TB, O>,
  listing: string,
  request: IamListRequest,
): Promise<Page<O & { readonly sort_key: string }> | StoreInvalidMarker> {
  // Kysely cannot type a column's value over a generic table, so the columns here are raw
  // references; IamNamedTable guarantees the table has them.
  let query = from
    .select(nameKey('name').as('sort_key'))
    .where(sql<boolean>`${sql.ref('account_id')} = ${request.accountId}`);
  if (request.pathPrefix !== undefined) query = query.where(startsWith('path', request.pathPrefix));
  if (request.marker !== undefined) {
    const after = decodeMarker(listing, 1, request.marker);
    if (!Array.isArray(after)) return after;
    query = query.where(nameKey('name'), '>', after[0] ?? '');
  }
  const rows = await query.orderBy(nameKey('name')).limit(request.maxItems + 1).execute();
  return toPage(listing, rows, request.maxItems, (r) => [r.sort_key], (r) => r);
}
