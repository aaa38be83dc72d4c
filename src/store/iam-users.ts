import type { Selectable } from 'kysely';
import { guardUnique, StoreConflict } from './conflict.ts';
import { dateOf, isoText, optional, setsAnyColumn, tagsOf, tagsText, type Tag } from './column-codecs.ts';
import { listByName, nameKey, nameKeyOf, type IamListRequest } from './iam-listing.ts';
import { StoreInvalidMarker, type Page } from './pagination.ts';
import { deletePrincipalPolicies } from './iam-principals.ts';
import type { UsersTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** An IAM user. */
export interface IamUser {
  /** The unique ID (`AIDA…`); stable for the user's life, never reused. */
  readonly userId: string;
  readonly accountId: string;
  readonly name: string;
  readonly path: string;
  readonly permissionsBoundaryArn: string | undefined;
  readonly tags: readonly Tag[];
  readonly createdAt: Date;
}

/** Fields an update may change (UpdateUser, Put/DeleteUserPermissionsBoundary, Tag/UntagUser). */
export interface IamUserPatch {
  readonly name?: string;
  readonly path?: string;
  readonly permissionsBoundaryArn?: string | null;
  readonly tags?: readonly Tag[];
}

/** IAM users. Names are unique per account, case-insensitively; lists go by name, so. */
export interface IamUsersRepo {
  /** The user named `name` (any case) in the account. */
  get(accountId: string, name: string): Promise<IamUser | undefined>;
  getById(userId: string): Promise<IamUser | undefined>;
  list(request: IamListRequest): Promise<Page<IamUser> | StoreInvalidMarker>;
  /** Every user (of one account, or all accounts), for snapshots. */
  all(accountId?: string): Promise<IamUser[]>;
  /** Conflicts when the account has a user of that name in any case. */
  insert(user: IamUser): Promise<IamUser | StoreConflict>;
  /** Undefined when there is no such user; a conflict when renamed onto a taken name. */
  update(userId: string, patch: IamUserPatch): Promise<IamUser | undefined | StoreConflict>;
  /**
   * Deletes the user with its inline policies, policy attachments, group memberships and access
   * keys. (IAM refuses DeleteUser while these exist; that check is the service's.)
   */
  delete(userId: string): Promise<boolean>;
}

/** Reads a users row. */
export function iamUserOf(row: Selectable<UsersTable>): IamUser {
  return {
    userId: row.user_id,
    accountId: row.account_id,
    name: row.name,
    path: row.path,
    permissionsBoundaryArn: optional(row.permissions_boundary_arn),
    tags: tagsOf('user', row.tags),
    createdAt: dateOf('user', row.created_at),
  };
}

/** The IAM users repository over a scope. */
export function iamUsersRepo(scope: Scope): IamUsersRepo {
  const getById = async (userId: string): Promise<IamUser | undefined> => {
    const row = await scope.db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return row === undefined ? undefined : iamUserOf(row);
  };
  return {
    getById,

    async get(accountId, name) {
      const row = await scope.db
        .selectFrom('users')
        .selectAll()
        .where('account_id', '=', accountId)
        .where(nameKey('name'), '=', nameKeyOf(name))
        .executeTakeFirst();
      return row === undefined ? undefined : iamUserOf(row);
    },

    async list(request) {
      const page = await listByName(scope.db.selectFrom('users').selectAll(), 'users', request);
      return page instanceof StoreInvalidMarker ? page : { ...page, items: page.items.map(iamUserOf) };
    },

    async all(accountId) {
      let query = scope.db.selectFrom('users').selectAll();
      if (accountId !== undefined) query = query.where('account_id', '=', accountId);
      const rows = await query.orderBy('account_id').orderBy(nameKey('name')).execute();
      return rows.map(iamUserOf);
    },

    insert(user) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('users')
          .values({
            user_id: user.userId,
            account_id: user.accountId,
            name: user.name,
            path: user.path,
            permissions_boundary_arn: user.permissionsBoundaryArn ?? null,
            tags: tagsText(user.tags),
            created_at: isoText(user.createdAt),
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('user', user.name) : iamUserOf(row);
      });
    },

    update(userId, patch) {
      const set = {
        name: patch.name,
        path: patch.path,
        permissions_boundary_arn: patch.permissionsBoundaryArn,
        tags: patch.tags === undefined ? undefined : tagsText(patch.tags),
      };
      if (!setsAnyColumn(set)) return getById(userId);
      return scope.write((db) =>
        guardUnique(db, 'user', patch.name ?? userId, async () => {
          const row = await db.updateTable('users').set(set).where('user_id', '=', userId).returningAll().executeTakeFirst();
          return row === undefined ? undefined : iamUserOf(row);
        }),
      );
    },

    delete(userId) {
      return scope.write(async (db) => {
        await deletePrincipalPolicies(db, userId);
        const result = await db.deleteFrom('users').where('user_id', '=', userId).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
  };
}
