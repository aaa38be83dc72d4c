import type { Selectable } from 'kysely';
import { guardUnique, StoreConflict } from './conflict.ts';
import { dateOf, isoText, setsAnyColumn } from './column-codecs.ts';
import { listByName, nameKey, nameKeyOf, type IamListRequest } from './iam-listing.ts';
import { deletePrincipalPolicies } from './iam-principals.ts';
import { iamUserOf, type IamUser } from './iam-users.ts';
import { decodeMarker, StoreInvalidMarker, toPage, type Page, type PageRequest } from './pagination.ts';
import type { GroupsTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** An IAM group. */
export interface IamGroup {
  /** The unique ID (`AGPA…`). */
  readonly groupId: string;
  readonly accountId: string;
  readonly name: string;
  readonly path: string;
  readonly createdAt: Date;
}

/** Fields UpdateGroup may change. */
export interface IamGroupPatch {
  readonly name?: string;
  readonly path?: string;
}

/** One user's membership of one group. */
export interface GroupMembership {
  readonly groupId: string;
  readonly userId: string;
}

/** IAM groups and their members. Names are unique per account, case-insensitively. */
export interface IamGroupsRepo {
  get(accountId: string, name: string): Promise<IamGroup | undefined>;
  getById(groupId: string): Promise<IamGroup | undefined>;
  list(request: IamListRequest): Promise<Page<IamGroup> | StoreInvalidMarker>;
  all(accountId?: string): Promise<IamGroup[]>;
  insert(group: IamGroup): Promise<IamGroup | StoreConflict>;
  update(groupId: string, patch: IamGroupPatch): Promise<IamGroup | undefined | StoreConflict>;
  /** Deletes the group with its inline policies, attachments and memberships. */
  delete(groupId: string): Promise<boolean>;

  /** Adds a member; false when the user already was one (AddUserToGroup succeeds either way). */
  addMember(membership: GroupMembership): Promise<boolean>;
  removeMember(membership: GroupMembership): Promise<boolean>;
  /** The group's members, by user name (GetGroup). */
  listMembers(groupId: string, request: PageRequest): Promise<Page<IamUser> | StoreInvalidMarker>;
  /** The groups a user is in, by group name (ListGroupsForUser). */
  listGroupsForUser(userId: string, request: PageRequest): Promise<Page<IamGroup> | StoreInvalidMarker>;
  allMemberships(): Promise<GroupMembership[]>;
}

function iamGroupOf(row: Selectable<GroupsTable>): IamGroup {
  return {
    groupId: row.group_id,
    accountId: row.account_id,
    name: row.name,
    path: row.path,
    createdAt: dateOf('group', row.created_at),
  };
}

/** The IAM groups repository over a scope. */
export function iamGroupsRepo(scope: Scope): IamGroupsRepo {
  const getById = async (groupId: string): Promise<IamGroup | undefined> => {
    const row = await scope.db.selectFrom('groups').selectAll().where('group_id', '=', groupId).executeTakeFirst();
    return row === undefined ? undefined : iamGroupOf(row);
  };
  return {
    getById,

    async get(accountId, name) {
      const row = await scope.db
        .selectFrom('groups')
        .selectAll()
        .where('account_id', '=', accountId)
        .where(nameKey('name'), '=', nameKeyOf(name))
        .executeTakeFirst();
      return row === undefined ? undefined : iamGroupOf(row);
    },

    async list(request) {
      const page = await listByName(scope.db.selectFrom('groups').selectAll(), 'groups', request);
      return page instanceof StoreInvalidMarker ? page : { ...page, items: page.items.map(iamGroupOf) };
    },

    async all(accountId) {
      let query = scope.db.selectFrom('groups').selectAll();
      if (accountId !== undefined) query = query.where('account_id', '=', accountId);
      const rows = await query.orderBy('account_id').orderBy(nameKey('name')).execute();
      return rows.map(iamGroupOf);
    },

    insert(group) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('groups')
          .values({
            group_id: group.groupId,
            account_id: group.accountId,
            name: group.name,
            path: group.path,
            created_at: isoText(group.createdAt),
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('group', group.name) : iamGroupOf(row);
      });
    },

    update(groupId, patch) {
      const set = { name: patch.name, path: patch.path };
      if (!setsAnyColumn(set)) return getById(groupId);
      return scope.write((db) =>
        guardUnique(db, 'group', patch.name ?? groupId, async () => {
          const row = await db.updateTable('groups').set(set).where('group_id', '=', groupId).returningAll().executeTakeFirst();
          return row === undefined ? undefined : iamGroupOf(row);
        }),
      );
    },

    delete(groupId) {
      return scope.write(async (db) => {
        await deletePrincipalPolicies(db, groupId);
        const result = await db.deleteFrom('groups').where('group_id', '=', groupId).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    addMember(membership) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('group_members')
          .values({ group_id: membership.groupId, user_id: membership.userId })
          .onConflict((oc) => oc.doNothing())
          .returning('user_id')
          .executeTakeFirst();
        return row !== undefined;
      });
    },

    removeMember(membership) {
      return scope.write(async (db) => {
        const result = await db
          .deleteFrom('group_members')
          .where('group_id', '=', membership.groupId)
          .where('user_id', '=', membership.userId)
          .executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    async listMembers(groupId, request) {
      const listing = `members:${groupId}`;
      let query = scope.db
        .selectFrom('group_members as m')
        .innerJoin('users', 'users.user_id', 'm.user_id')
        .selectAll('users')
        .select(nameKey('users.name').as('sort_key'))
        .where('m.group_id', '=', groupId);
      if (request.marker !== undefined) {
        const after = decodeMarker(listing, 1, request.marker);
        if (!Array.isArray(after)) return after;
        query = query.where(nameKey('users.name'), '>', after[0] ?? '');
      }
      const rows = await query.orderBy(nameKey('users.name')).limit(request.maxItems + 1).execute();
      return toPage(listing, rows, request.maxItems, (r) => [r.sort_key], iamUserOf);
    },

    async listGroupsForUser(userId, request) {
      const listing = `groups-for-user:${userId}`;
      let query = scope.db
        .selectFrom('group_members as m')
        .innerJoin('groups', 'groups.group_id', 'm.group_id')
        .selectAll('groups')
        .select(nameKey('groups.name').as('sort_key'))
        .where('m.user_id', '=', userId);
      if (request.marker !== undefined) {
        const after = decodeMarker(listing, 1, request.marker);
        if (!Array.isArray(after)) return after;
        query = query.where(nameKey('groups.name'), '>', after[0] ?? '');
      }
      const rows = await query.orderBy(nameKey('groups.name')).limit(request.maxItems + 1).execute();
      return toPage(listing, rows, request.maxItems, (r) => [r.sort_key], iamGroupOf);
    },

    async allMemberships() {
      const rows = await scope.db.selectFrom('group_members').selectAll().orderBy('group_id').orderBy('user_id').execute();
      return rows.map((r) => ({ groupId: r.group_id, userId: r.user_id }));
    },
  };
}
