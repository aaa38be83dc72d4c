import type { Selectable } from 'kysely';
import { StoreConflict } from './conflict.ts';
import { dateOf, isoText, optional, setsAnyColumn, tagsOf, tagsText, type Tag } from './column-codecs.ts';
import { listByName, nameKey, nameKeyOf, type IamListRequest } from './iam-listing.ts';
import { deletePrincipalPolicies } from './iam-principals.ts';
import { StoreInvalidMarker, type Page } from './pagination.ts';
import { principalIdsOf, principalIdsText, type PrincipalIds } from './principal-ids.ts';
import type { RolesTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** When and where a role was last used (RoleLastUsed). */
export interface RoleLastUsed {
  readonly at: Date;
  readonly region: string;
}

/** An IAM role. */
export interface IamRole {
  /** The unique ID (`AROA…`). */
  readonly roleId: string;
  readonly accountId: string;
  readonly name: string;
  readonly path: string;
  /** The trust policy, as submitted. */
  readonly assumeRolePolicy: string;
  /** The unique IDs its role and user principals had when it was saved, by ARN. */
  readonly trustPrincipalIds: PrincipalIds;
  readonly description: string | undefined;
  /** Seconds, 3600–43200. */
  readonly maxSessionDuration: number;
  readonly permissionsBoundaryArn: string | undefined;
  readonly tags: readonly Tag[];
  readonly createdAt: Date;
  readonly lastUsed: RoleLastUsed | undefined;
}

/** What CreateRole stores; `lastUsed` starts empty; no `trustPrincipalIds` when the trust policy names no role or user. */
export type NewIamRole = Omit<IamRole, 'lastUsed' | 'trustPrincipalIds'> & { readonly trustPrincipalIds?: PrincipalIds };

/**
 * Fields an update may change (UpdateRole, UpdateAssumeRolePolicy, UpdateRoleDescription,
 * Put/DeleteRolePermissionsBoundary, Tag/UntagRole). IAM roles cannot be renamed or moved.
 */
export interface IamRolePatch {
  /** A new trust policy replaces the principal IDs bound to the old one with `trustPrincipalIds` (none when absent). */
  readonly assumeRolePolicy?: string;
  readonly trustPrincipalIds?: PrincipalIds;
  readonly description?: string | null;
  readonly maxSessionDuration?: number;
  readonly permissionsBoundaryArn?: string | null;
  readonly tags?: readonly Tag[];
}

/** IAM roles. Names are unique per account, case-insensitively. */
export interface IamRolesRepo {
  get(accountId: string, name: string): Promise<IamRole | undefined>;
  getById(roleId: string): Promise<IamRole | undefined>;
  list(request: IamListRequest): Promise<Page<IamRole> | StoreInvalidMarker>;
  all(accountId?: string): Promise<IamRole[]>;
  insert(role: NewIamRole): Promise<IamRole | StoreConflict>;
  update(roleId: string, patch: IamRolePatch): Promise<IamRole | undefined>;
  /** Records a use of the role (unversioned: it changes no one's permissions). */
  recordUse(roleId: string, lastUsed: RoleLastUsed): Promise<boolean>;
  /** Deletes the role with its inline policies and policy attachments. */
  delete(roleId: string): Promise<boolean>;
}

function iamRoleOf(row: Selectable<RolesTable>): IamRole {
  const lastUsedAt = row.last_used_at;
  return {
    roleId: row.role_id,
    accountId: row.account_id,
    name: row.name,
    path: row.path,
    assumeRolePolicy: row.assume_role_policy,
    trustPrincipalIds: principalIdsOf('role', row.trust_principal_ids),
    description: optional(row.description),
    maxSessionDuration: row.max_session_duration,
    permissionsBoundaryArn: optional(row.permissions_boundary_arn),
    tags: tagsOf('role', row.tags),
    createdAt: dateOf('role', row.created_at),
    lastUsed: lastUsedAt === null ? undefined : { at: dateOf('role', lastUsedAt), region: row.last_used_region ?? '' },
  };
}

/** The IAM roles repository over a scope. */
export function iamRolesRepo(scope: Scope): IamRolesRepo {
  const getById = async (roleId: string): Promise<IamRole | undefined> => {
    const row = await scope.db.selectFrom('roles').selectAll().where('role_id', '=', roleId).executeTakeFirst();
    return row === undefined ? undefined : iamRoleOf(row);
  };
  return {
    getById,

    async get(accountId, name) {
      const row = await scope.db
        .selectFrom('roles')
        .selectAll()
        .where('account_id', '=', accountId)
        .where(nameKey('name'), '=', nameKeyOf(name))
        .executeTakeFirst();
      return row === undefined ? undefined : iamRoleOf(row);
    },

    async list(request) {
      const page = await listByName(scope.db.selectFrom('roles').selectAll(), 'roles', request);
      return page instanceof StoreInvalidMarker ? page : { ...page, items: page.items.map(iamRoleOf) };
    },

    async all(accountId) {
      let query = scope.db.selectFrom('roles').selectAll();
      if (accountId !== undefined) query = query.where('account_id', '=', accountId);
      const rows = await query.orderBy('account_id').orderBy(nameKey('name')).execute();
      return rows.map(iamRoleOf);
    },

    insert(role) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('roles')
          .values({
            role_id: role.roleId,
            account_id: role.accountId,
            name: role.name,
            path: role.path,
            assume_role_policy: role.assumeRolePolicy,
            trust_principal_ids: principalIdsText(role.trustPrincipalIds),
            description: role.description ?? null,
            max_session_duration: role.maxSessionDuration,
            permissions_boundary_arn: role.permissionsBoundaryArn ?? null,
            tags: tagsText(role.tags),
            created_at: isoText(role.createdAt),
            last_used_at: null,
            last_used_region: null,
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('role', role.name) : iamRoleOf(row);
      });
    },

    update(roleId, patch) {
      const set = {
        assume_role_policy: patch.assumeRolePolicy,
        trust_principal_ids: patch.assumeRolePolicy === undefined ? undefined : principalIdsText(patch.trustPrincipalIds),
        description: patch.description,
        max_session_duration: patch.maxSessionDuration,
        permissions_boundary_arn: patch.permissionsBoundaryArn,
        tags: patch.tags === undefined ? undefined : tagsText(patch.tags),
      };
      if (!setsAnyColumn(set)) return getById(roleId);
      return scope.write(async (db) => {
        const row = await db.updateTable('roles').set(set).where('role_id', '=', roleId).returningAll().executeTakeFirst();
        return row === undefined ? undefined : iamRoleOf(row);
      });
    },

    recordUse(roleId, lastUsed) {
      return scope.append(async (db) => {
        const result = await db
          .updateTable('roles')
          .set({ last_used_at: isoText(lastUsed.at), last_used_region: lastUsed.region })
          .where('role_id', '=', roleId)
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      });
    },

    delete(roleId) {
      return scope.write(async (db) => {
        await deletePrincipalPolicies(db, roleId);
        const result = await db.deleteFrom('roles').where('role_id', '=', roleId).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
  };
}
