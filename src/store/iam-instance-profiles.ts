import { sql, type Kysely, type Selectable } from 'kysely';
import { StoreConflict } from './conflict.ts';
import { dateOf, isoText, setsAnyColumn, tagsOf, tagsText, type Tag } from './column-codecs.ts';
import { listByName, nameKey, nameKeyOf, type IamListRequest } from './iam-listing.ts';
import { decodeMarker, StoreInvalidMarker, toPage, type Page, type PageRequest } from './pagination.ts';
import type { Database, InstanceProfilesTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** An IAM instance profile (`arn:aws:iam::<account>:instance-profile/<path><name>`). */
export interface InstanceProfile {
  /** The unique ID (`AIPA…`). */
  readonly instanceProfileId: string;
  readonly accountId: string;
  readonly name: string;
  readonly path: string;
  readonly tags: readonly Tag[];
  readonly createdAt: Date;
  /** The unique IDs of the roles it holds (IAM allows one), by role ID. */
  readonly roleIds: readonly string[];
}

/** What CreateInstanceProfile stores: a profile starts without roles. */
export type NewInstanceProfile = Omit<InstanceProfile, 'roleIds'>;

/** Fields an update may change (Tag/UntagInstanceProfile). Instance profiles cannot be renamed or moved. */
export interface InstanceProfilePatch {
  readonly tags?: readonly Tag[];
}

/** IAM instance profiles and the roles in them. Names are unique per account, case-insensitively. */
export interface IamInstanceProfilesRepo {
  get(accountId: string, name: string): Promise<InstanceProfile | undefined>;
  getById(instanceProfileId: string): Promise<InstanceProfile | undefined>;
  /** The account's profiles by name, optionally under a path prefix (ListInstanceProfiles). */
  list(request: IamListRequest): Promise<Page<InstanceProfile> | StoreInvalidMarker>;
  /** The profiles that hold a role, by name (ListInstanceProfilesForRole). */
  listForRole(roleId: string, request: PageRequest): Promise<Page<InstanceProfile> | StoreInvalidMarker>;
  all(accountId?: string): Promise<InstanceProfile[]>;
  /** How many profiles the account has (the InstanceProfilesPerAccount quota, GetAccountSummary). */
  count(accountId: string): Promise<number>;
  insert(profile: NewInstanceProfile): Promise<InstanceProfile | StoreConflict>;
  update(instanceProfileId: string, patch: InstanceProfilePatch): Promise<InstanceProfile | undefined>;
  /** Puts a role in the profile; false when it already was there. */
  addRole(instanceProfileId: string, roleId: string): Promise<boolean>;
  /** Takes a role out of the profile; false when it was not there. */
  removeRole(instanceProfileId: string, roleId: string): Promise<boolean>;
  /** Deletes the profile (its role memberships with it; the roles stay). */
  delete(instanceProfileId: string): Promise<boolean>;
}

type ProfileRow = Selectable<InstanceProfilesTable>;

function instanceProfileOf(row: ProfileRow, roleIds: readonly string[]): InstanceProfile {
  return {
    instanceProfileId: row.instance_profile_id,
    accountId: row.account_id,
    name: row.name,
    path: row.path,
    tags: tagsOf('instance-profile', row.tags),
    createdAt: dateOf('instance-profile', row.created_at),
    roleIds,
  };
}

/** The role IDs of each profile, for a set of profile rows. */
async function rolesByProfile(db: Kysely<Database>, rows: readonly ProfileRow[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (rows.length === 0) return out;
  const members = await db
    .selectFrom('instance_profile_roles')
    .selectAll()
    .where('instance_profile_id', 'in', rows.map((r) => r.instance_profile_id))
    .orderBy('instance_profile_id')
    .orderBy('role_id')
    .execute();
  for (const m of members) {
    const list = out.get(m.instance_profile_id);
    if (list === undefined) out.set(m.instance_profile_id, [m.role_id]);
    else list.push(m.role_id);
  }
  return out;
}

async function withRoles(db: Kysely<Database>, rows: readonly ProfileRow[]): Promise<InstanceProfile[]> {
  const roles = await rolesByProfile(db, rows);
  return rows.map((r) => instanceProfileOf(r, roles.get(r.instance_profile_id) ?? []));
}

/** The IAM instance profiles repository over a scope. */
export function iamInstanceProfilesRepo(scope: Scope): IamInstanceProfilesRepo {
  const one = async (row: ProfileRow | undefined): Promise<InstanceProfile | undefined> =>
    row === undefined ? undefined : (await withRoles(scope.db, [row]))[0];
  const getById = async (instanceProfileId: string): Promise<InstanceProfile | undefined> =>
    one(await scope.db.selectFrom('instance_profiles').selectAll().where('instance_profile_id', '=', instanceProfileId).executeTakeFirst());

  return {
    getById,

    async get(accountId, name) {
      return one(
        await scope.db
          .selectFrom('instance_profiles')
          .selectAll()
          .where('account_id', '=', accountId)
          .where(nameKey('name'), '=', nameKeyOf(name))
          .executeTakeFirst(),
      );
    },

    async list(request) {
      const page = await listByName(scope.db.selectFrom('instance_profiles').selectAll(), 'instance-profiles', request);
      if (page instanceof StoreInvalidMarker) return page;
      const roles = await rolesByProfile(scope.db, page.items);
      return { ...page, items: page.items.map((r) => instanceProfileOf(r, roles.get(r.instance_profile_id) ?? [])) };
    },

    async listForRole(roleId, request) {
      const listing = `instance-profiles-for-role:${roleId}`;
      let query = scope.db
        .selectFrom('instance_profile_roles as m')
        .innerJoin('instance_profiles', 'instance_profiles.instance_profile_id', 'm.instance_profile_id')
        .selectAll('instance_profiles')
        .select(nameKey('instance_profiles.name').as('sort_key'))
        .where('m.role_id', '=', roleId);
      if (request.marker !== undefined) {
        const after = decodeMarker(listing, 1, request.marker);
        if (!Array.isArray(after)) return after;
        query = query.where(nameKey('instance_profiles.name'), '>', after[0] ?? '');
      }
      const rows = await query.orderBy(nameKey('instance_profiles.name')).limit(request.maxItems + 1).execute();
      const roles = await rolesByProfile(scope.db, rows);
      return toPage(listing, rows, request.maxItems, (r) => [r.sort_key], (r) => instanceProfileOf(r, roles.get(r.instance_profile_id) ?? []));
    },

    async all(accountId) {
      let query = scope.db.selectFrom('instance_profiles').selectAll();
      if (accountId !== undefined) query = query.where('account_id', '=', accountId);
      return withRoles(scope.db, await query.orderBy('account_id').orderBy(nameKey('name')).execute());
    },

    async count(accountId) {
      const row = await scope.db
        .selectFrom('instance_profiles')
        .select(sql<number>`cast(count(*) as integer)`.as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return row.n;
    },

    insert(profile) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('instance_profiles')
          .values({
            instance_profile_id: profile.instanceProfileId,
            account_id: profile.accountId,
            name: profile.name,
            path: profile.path,
            tags: tagsText(profile.tags),
            created_at: isoText(profile.createdAt),
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('instance-profile', profile.name) : instanceProfileOf(row, []);
      });
    },

    update(instanceProfileId, patch) {
      const set = { tags: patch.tags === undefined ? undefined : tagsText(patch.tags) };
      if (!setsAnyColumn(set)) return getById(instanceProfileId);
      return scope.write(async (db) => {
        const row = await db.updateTable('instance_profiles').set(set).where('instance_profile_id', '=', instanceProfileId).returningAll().executeTakeFirst();
        return row === undefined ? undefined : (await withRoles(db, [row]))[0];
      });
    },

    addRole(instanceProfileId, roleId) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('instance_profile_roles')
          .values({ instance_profile_id: instanceProfileId, role_id: roleId })
          .onConflict((oc) => oc.doNothing())
          .returning('role_id')
          .executeTakeFirst();
        return row !== undefined;
      });
    },

    removeRole(instanceProfileId, roleId) {
      return scope.write(async (db) => {
        const result = await db
          .deleteFrom('instance_profile_roles')
          .where('instance_profile_id', '=', instanceProfileId)
          .where('role_id', '=', roleId)
          .executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    delete(instanceProfileId) {
      return scope.write(async (db) => {
        const result = await db.deleteFrom('instance_profiles').where('instance_profile_id', '=', instanceProfileId).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
  };
}
