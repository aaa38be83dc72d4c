import type { Selectable } from 'kysely';
import { StoreConflict } from './conflict.ts';
import { dateOf, isoText, oneOf, optional, setsAnyColumn } from './column-codecs.ts';
import { decodeMarker, toPage, type Page, type PageRequest, type StoreInvalidMarker } from './pagination.ts';
import type { AccountsTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** Account.Status (AWS Organizations API Reference, "Account"). */
export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
const accountStatuses: readonly AccountStatus[] = ['ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE'];

/** Account.JoinedMethod (AWS Organizations API Reference, "Account"). */
export type AccountJoinedMethod = 'INVITED' | 'CREATED';
const joinedMethods: readonly AccountJoinedMethod[] = ['INVITED', 'CREATED'];

/** An AWS account: a 12-digit id, its own IAM namespace, at most one organization. */
export interface Account {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly organizationId: string | undefined;
  /** The root (`r-…`) or OU (`ou-…`) the account sits under, when in an organization. */
  readonly parentId: string | undefined;
  readonly status: AccountStatus;
  readonly joinedMethod: AccountJoinedMethod;
  readonly createdAt: Date;
}

/** Fields an update may change; `null` clears an optional field. */
export interface AccountPatch {
  readonly name?: string;
  readonly email?: string;
  readonly organizationId?: string | null;
  readonly parentId?: string | null;
  readonly status?: AccountStatus;
  readonly joinedMethod?: AccountJoinedMethod;
}

/** Accounts, ordered by id. */
export interface AccountsRepo {
  get(id: string): Promise<Account | undefined>;
  /** A page of accounts, optionally only those of one organization or under one parent. */
  list(request: PageRequest & { readonly organizationId?: string; readonly parentId?: string }): Promise<Page<Account> | StoreInvalidMarker>;
  all(): Promise<Account[]>;
  insert(account: Account): Promise<Account | StoreConflict>;
  update(id: string, patch: AccountPatch): Promise<Account | undefined>;
  /** Deletes the account and, by reference, everything in it (its IAM entities, keys, providers). */
  delete(id: string): Promise<boolean>;
}

function accountOf(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    organizationId: optional(row.organization_id),
    parentId: optional(row.parent_id),
    status: oneOf('account', accountStatuses, row.status),
    joinedMethod: oneOf('account', joinedMethods, row.joined_method),
    createdAt: dateOf('account', row.created_at),
  };
}

/** The accounts repository over a scope. */
export function accountsRepo(scope: Scope): AccountsRepo {
  const listing = 'accounts';
  const get = async (id: string): Promise<Account | undefined> => {
    const row = await scope.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : accountOf(row);
  };
  return {
    get,

    async list(request) {
      let query = scope.db.selectFrom('accounts').selectAll();
      if (request.organizationId !== undefined) query = query.where('organization_id', '=', request.organizationId);
      if (request.parentId !== undefined) query = query.where('parent_id', '=', request.parentId);
      if (request.marker !== undefined) {
        const after = decodeMarker(listing, 1, request.marker);
        if (!Array.isArray(after)) return after;
        query = query.where('id', '>', after[0] ?? '');
      }
      const rows = await query.orderBy('id').limit(request.maxItems + 1).execute();
      return toPage(listing, rows, request.maxItems, (r) => [r.id], accountOf);
    },

    async all() {
      const rows = await scope.db.selectFrom('accounts').selectAll().orderBy('id').execute();
      return rows.map(accountOf);
    },

    insert(account) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('accounts')
          .values({
            id: account.id,
            name: account.name,
            email: account.email,
            organization_id: account.organizationId ?? null,
            parent_id: account.parentId ?? null,
            status: account.status,
            joined_method: account.joinedMethod,
            created_at: isoText(account.createdAt),
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('account', account.id) : accountOf(row);
      });
    },

    update(id, patch) {
      const set = {
        name: patch.name,
        email: patch.email,
        organization_id: patch.organizationId,
        parent_id: patch.parentId,
        status: patch.status,
        joined_method: patch.joinedMethod,
      };
      if (!setsAnyColumn(set)) return get(id);
      return scope.write(async (db) => {
        const row = await db
          .updateTable('accounts')
          .set(set)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? undefined : accountOf(row);
      });
    },

    delete(id) {
      return scope.write(async (db) => {
        const result = await db.deleteFrom('accounts').where('id', '=', id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
  };
}
