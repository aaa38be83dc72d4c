import type { Selectable } from 'kysely';
import { guardUnique, StoreConflict } from './conflict.ts';
import { dateOf, isoText, oneOf, setsAnyColumn, stringsOf, stringsText } from './column-codecs.ts';
import type { OrgPolicyType } from './org-policies.ts';
import { decodeMarker, toPage, type Page, type PageRequest, type StoreInvalidMarker } from './pagination.ts';
import type { OrganizationalUnitsTable, OrganizationsTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** Organization.FeatureSet (AWS Organizations API Reference, "Organization"). */
export type OrganizationFeatureSet = 'ALL' | 'CONSOLIDATED_BILLING';
const featureSets: readonly OrganizationFeatureSet[] = ['ALL', 'CONSOLIDATED_BILLING'];
const policyTypes: readonly OrgPolicyType[] = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];

/** An organization (`o-…`) with its single root (`r-…`). */
export interface Organization {
  readonly id: string;
  readonly managementAccountId: string;
  readonly featureSet: OrganizationFeatureSet;
  readonly rootId: string;
  readonly rootName: string;
  /** Policy types enabled on the root (EnablePolicyType). */
  readonly enabledPolicyTypes: readonly OrgPolicyType[];
  readonly createdAt: Date;
}

/** Fields an organization update may change. */
export interface OrganizationPatch {
  readonly featureSet?: OrganizationFeatureSet;
  readonly enabledPolicyTypes?: readonly OrgPolicyType[];
}

/** An organizational unit (`ou-…`) under the root or another OU. */
export interface OrganizationalUnit {
  readonly id: string;
  readonly organizationId: string;
  readonly parentId: string;
  readonly name: string;
  readonly createdAt: Date;
}

/** Organizations and their organizational units. */
export interface OrganizationsRepo {
  get(id: string): Promise<Organization | undefined>;
  /** The organization whose management account is `accountId`, if any. */
  getByManagementAccount(accountId: string): Promise<Organization | undefined>;
  all(): Promise<Organization[]>;
  insert(organization: Organization): Promise<Organization | StoreConflict>;
  update(id: string, patch: OrganizationPatch): Promise<Organization | undefined>;
  /** Deletes the organization, its OUs and its policies; its accounts keep existing, unattached. */
  delete(id: string): Promise<boolean>;

  getUnit(id: string): Promise<OrganizationalUnit | undefined>;
  /** The OUs directly under a root or OU, by name. */
  listUnits(parentId: string, request: PageRequest): Promise<Page<OrganizationalUnit> | StoreInvalidMarker>;
  allUnits(): Promise<OrganizationalUnit[]>;
  /** Conflicts when the parent already has an OU of that name. */
  insertUnit(unit: OrganizationalUnit): Promise<OrganizationalUnit | StoreConflict>;
  renameUnit(id: string, name: string): Promise<OrganizationalUnit | undefined | StoreConflict>;
  deleteUnit(id: string): Promise<boolean>;
}

function organizationOf(row: Selectable<OrganizationsTable>): Organization {
  return {
    id: row.id,
    managementAccountId: row.management_account_id,
    featureSet: oneOf('organization', featureSets, row.feature_set),
    rootId: row.root_id,
    rootName: row.root_name,
    enabledPolicyTypes: stringsOf('organization', row.enabled_policy_types).map((t) => oneOf('organization', policyTypes, t)),
    createdAt: dateOf('organization', row.created_at),
  };
}

function unitOf(row: Selectable<OrganizationalUnitsTable>): OrganizationalUnit {
  return {
    id: row.id,
    organizationId: row.organization_id,
    parentId: row.parent_id,
    name: row.name,
    createdAt: dateOf('organizational-unit', row.created_at),
  };
}

/** The organizations repository over a scope. */
export function organizationsRepo(scope: Scope): OrganizationsRepo {
  const get = async (id: string): Promise<Organization | undefined> => {
    const row = await scope.db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : organizationOf(row);
  };
  const getUnit = async (id: string): Promise<OrganizationalUnit | undefined> => {
    const row = await scope.db.selectFrom('organizational_units').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : unitOf(row);
  };
  return {
    get,
    getUnit,

    async getByManagementAccount(accountId) {
      const row = await scope.db
        .selectFrom('organizations')
        .selectAll()
        .where('management_account_id', '=', accountId)
        .orderBy('id')
        .executeTakeFirst();
      return row === undefined ? undefined : organizationOf(row);
    },

    async all() {
      const rows = await scope.db.selectFrom('organizations').selectAll().orderBy('id').execute();
      return rows.map(organizationOf);
    },

    insert(organization) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('organizations')
          .values({
            id: organization.id,
            management_account_id: organization.managementAccountId,
            feature_set: organization.featureSet,
            root_id: organization.rootId,
            root_name: organization.rootName,
            enabled_policy_types: stringsText(organization.enabledPolicyTypes),
            created_at: isoText(organization.createdAt),
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('organization', organization.id) : organizationOf(row);
      });
    },

    update(id, patch) {
      const set = {
        feature_set: patch.featureSet,
        enabled_policy_types: patch.enabledPolicyTypes === undefined ? undefined : stringsText(patch.enabledPolicyTypes),
      };
      if (!setsAnyColumn(set)) return get(id);
      return scope.write(async (db) => {
        const row = await db.updateTable('organizations').set(set).where('id', '=', id).returningAll().executeTakeFirst();
        return row === undefined ? undefined : organizationOf(row);
      });
    },

    delete(id) {
      return scope.write(async (db) => {
        const result = await db.deleteFrom('organizations').where('id', '=', id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    async listUnits(parentId, request) {
      const listing = `units:${parentId}`;
      let query = scope.db.selectFrom('organizational_units').selectAll().where('parent_id', '=', parentId);
      if (request.marker !== undefined) {
        const after = decodeMarker(listing, 1, request.marker);
        if (!Array.isArray(after)) return after;
        query = query.where('name', '>', after[0] ?? '');
      }
      const rows = await query.orderBy('name').limit(request.maxItems + 1).execute();
      return toPage(listing, rows, request.maxItems, (r) => [r.name], unitOf);
    },

    async allUnits() {
      const rows = await scope.db.selectFrom('organizational_units').selectAll().orderBy('id').execute();
      return rows.map(unitOf);
    },

    insertUnit(unit) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('organizational_units')
          .values({
            id: unit.id,
            organization_id: unit.organizationId,
            parent_id: unit.parentId,
            name: unit.name,
            created_at: isoText(unit.createdAt),
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('organizational-unit', unit.name) : unitOf(row);
      });
    },

    renameUnit(id, name) {
      return scope.write((db) =>
        guardUnique(db, 'organizational-unit', name, async () => {
          const row = await db
            .updateTable('organizational_units')
            .set({ name })
            .where('id', '=', id)
            .returningAll()
            .executeTakeFirst();
          return row === undefined ? undefined : unitOf(row);
        }),
      );
    },

    deleteUnit(id) {
      return scope.write(async (db) => {
        const result = await db.deleteFrom('organizational_units').where('id', '=', id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
  };
}
