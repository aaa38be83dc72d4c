import { sql, type Selectable } from 'kysely';
import { StoreConflict } from './conflict.ts';
import { dateOf, flag, flagOf, isoText, optional, setsAnyColumn, tagsOf, tagsText, type Tag } from './column-codecs.ts';
import { nameKey, startsWith } from './iam-listing.ts';
import { decodeMarker, toPage, type Page, type PageRequest, type StoreInvalidMarker } from './pagination.ts';
import type { ManagedPoliciesTable, PolicyVersionsTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** A managed policy: customer managed (in an account) or AWS managed (in none). */
export interface ManagedPolicy {
  readonly arn: string;
  /** Undefined for AWS managed policies (`arn:aws:iam::aws:policy/…`). */
  readonly accountId: string | undefined;
  readonly name: string;
  readonly path: string;
  /** The unique ID (`ANPA…`). */
  readonly policyId: string;
  readonly defaultVersionId: string;
  readonly description: string | undefined;
  readonly tags: readonly Tag[];
  readonly isAttachable: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** The highest version number ever given; IAM never gives one out twice. Undefined: unknown (the highest existing). */
  readonly lastVersionNumber?: number | undefined;
}

/** A managed policy as ListPolicies shows it to one account, with that account's usage counts. */
export interface ManagedPolicyListing extends ManagedPolicy {
  readonly attachmentCount: number;
  readonly permissionsBoundaryUsageCount: number;
}

/** One version of a managed policy (IAM keeps at most five; the service enforces it). */
export interface PolicyVersion {
  readonly policyArn: string;
  /** `v1`, `v2`, … */
  readonly versionId: string;
  /** The policy document, as submitted. */
  readonly document: string;
  readonly createdAt: Date;
}

/** Fields an update may change (SetDefaultPolicyVersion, Tag/UntagPolicy). */
export interface ManagedPolicyPatch {
  readonly defaultVersionId?: string;
  readonly description?: string | null;
  readonly tags?: readonly Tag[];
  readonly updatedAt?: Date;
  readonly lastVersionNumber?: number;
}

/** ListPolicies' Scope: AWS managed, the account's own, or both. */
export type ManagedPolicyScope = 'All' | 'AWS' | 'Local';

/** A ListPolicies request. */
export interface ManagedPolicyListRequest extends PageRequest {
  /** The account listing: its own policies, and whose attachments are counted. */
  readonly accountId: string;
  readonly scope: ManagedPolicyScope;
  readonly pathPrefix?: string | undefined;
  /** Only policies attached to a user, group or role of the account. */
  readonly onlyAttached?: boolean | undefined;
}

/** Managed policies and their versions. Names are unique per account, case-insensitively. */
export interface IamManagedPoliciesRepo {
  get(arn: string): Promise<ManagedPolicy | undefined>;
  /** Policies ordered by name (case-insensitively), then ARN. */
  list(request: ManagedPolicyListRequest): Promise<Page<ManagedPolicyListing> | StoreInvalidMarker>;
  all(): Promise<ManagedPolicy[]>;
  /** Creates the policy with its first version (which must be its default) in one write. */
  insert(policy: ManagedPolicy, firstVersion: PolicyVersion): Promise<ManagedPolicy | StoreConflict>;
  update(arn: string, patch: ManagedPolicyPatch): Promise<ManagedPolicy | undefined>;
  /** Deletes the policy with its versions and attachments. */
  delete(arn: string): Promise<boolean>;

  getVersion(arn: string, versionId: string): Promise<PolicyVersion | undefined>;
  /** The policy's versions, oldest (lowest number) first. */
  listVersions(arn: string): Promise<PolicyVersion[]>;
  /** The default version of every policy, for snapshots. */
  allDefaultVersions(): Promise<PolicyVersion[]>;
  insertVersion(version: PolicyVersion): Promise<PolicyVersion | StoreConflict>;
  deleteVersion(arn: string, versionId: string): Promise<boolean>;
}

function managedPolicyOf(row: Selectable<ManagedPoliciesTable>): ManagedPolicy {
  return {
    arn: row.arn,
    accountId: optional(row.account_id),
    name: row.name,
    path: row.path,
    policyId: row.policy_id,
    defaultVersionId: row.default_version_id,
    description: optional(row.description),
    tags: tagsOf('managed-policy', row.tags),
    isAttachable: flagOf('managed-policy', row.is_attachable),
    createdAt: dateOf('managed-policy', row.created_at),
    updatedAt: dateOf('managed-policy', row.updated_at),
    lastVersionNumber: row.last_version_number === null ? undefined : Number(row.last_version_number),
  };
}

function policyVersionOf(row: Selectable<PolicyVersionsTable>): PolicyVersion {
  return {
    policyArn: row.policy_arn,
    versionId: row.version_id,
    document: row.document,
    createdAt: dateOf('policy-version', row.created_at),
  };
}

/** The managed policies repository over a scope. */
export function iamManagedPoliciesRepo(scope: Scope): IamManagedPoliciesRepo {
  const listing = 'policies';
  const get = async (arn: string): Promise<ManagedPolicy | undefined> => {
    const row = await scope.db.selectFrom('managed_policies').selectAll().where('arn', '=', arn).executeTakeFirst();
    return row === undefined ? undefined : managedPolicyOf(row);
  };
  const versionNumber = sql<number>`cast(substr(version_id, 2) as integer)`;
  return {
    get,

    async list(request) {
      const { accountId } = request;
      let query = scope.db
        .selectFrom('managed_policies as p')
        .selectAll('p')
        .select(nameKey('p.name').as('sort_key'))
        .select((eb) => [
          eb
            .selectFrom('policy_attachments as a')
            .select(sql<number>`cast(count(*) as integer)`.as('n'))
            .whereRef('a.policy_arn', '=', 'p.arn')
            .where('a.account_id', '=', accountId)
            .as('attachment_count'),
          sql<number>`(
            (select cast(count(*) as integer) from users u
              where u.account_id = ${accountId} and u.permissions_boundary_arn = p.arn)
            + (select cast(count(*) as integer) from roles r
              where r.account_id = ${accountId} and r.permissions_boundary_arn = p.arn))`.as('boundary_count'),
        ]);
      switch (request.scope) {
        case 'All':
          query = query.where((eb) => eb.or([eb('p.account_id', '=', accountId), eb('p.account_id', 'is', null)]));
          break;
        case 'AWS':
          query = query.where('p.account_id', 'is', null);
          break;
        case 'Local':
          query = query.where('p.account_id', '=', accountId);
          break;
        default: {
          const unknown: never = request.scope;
          throw new Error(`unknown policy scope ${String(unknown)}`);
        }
      }
      if (request.pathPrefix !== undefined) query = query.where(startsWith('p.path', request.pathPrefix));
      if (request.onlyAttached === true) {
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('policy_attachments as a')
              .select('a.policy_arn')
              .whereRef('a.policy_arn', '=', 'p.arn')
              .where('a.account_id', '=', accountId),
          ),
        );
      }
      if (request.marker !== undefined) {
        const after = decodeMarker(listing, 2, request.marker);
        if (!Array.isArray(after)) return after;
        const [afterName = '', afterArn = ''] = after;
        query = query.where((eb) =>
          eb.or([
            eb(nameKey('p.name'), '>', afterName),
            eb.and([eb(nameKey('p.name'), '=', afterName), eb('p.arn', '>', afterArn)]),
          ]),
        );
      }
      const rows = await query.orderBy(nameKey('p.name')).orderBy('p.arn').limit(request.maxItems + 1).execute();
      return toPage(listing, rows, request.maxItems, (r) => [r.sort_key, r.arn], (r) => ({
        ...managedPolicyOf(r),
        attachmentCount: Number(r.attachment_count ?? 0),
        permissionsBoundaryUsageCount: Number(r.boundary_count),
      }));
    },

    async all() {
      const rows = await scope.db.selectFrom('managed_policies').selectAll().orderBy('arn').execute();
      return rows.map(managedPolicyOf);
    },

    insert(policy, firstVersion) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('managed_policies')
          .values({
            arn: policy.arn,
            account_id: policy.accountId ?? null,
            name: policy.name,
            path: policy.path,
            policy_id: policy.policyId,
            default_version_id: policy.defaultVersionId,
            description: policy.description ?? null,
            tags: tagsText(policy.tags),
            is_attachable: flag(policy.isAttachable),
            created_at: isoText(policy.createdAt),
            updated_at: isoText(policy.updatedAt),
            last_version_number: policy.lastVersionNumber ?? null,
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        if (row === undefined) return new StoreConflict('managed-policy', policy.name);
        await db
          .insertInto('policy_versions')
          .values({
            policy_arn: policy.arn,
            version_id: firstVersion.versionId,
            document: firstVersion.document,
            created_at: isoText(firstVersion.createdAt),
          })
          .execute();
        return managedPolicyOf(row);
      });
    },

    update(arn, patch) {
      const set = {
        default_version_id: patch.defaultVersionId,
        description: patch.description,
        tags: patch.tags === undefined ? undefined : tagsText(patch.tags),
        updated_at: patch.updatedAt === undefined ? undefined : isoText(patch.updatedAt),
        last_version_number: patch.lastVersionNumber,
      };
      if (!setsAnyColumn(set)) return get(arn);
      return scope.write(async (db) => {
        const row = await db.updateTable('managed_policies').set(set).where('arn', '=', arn).returningAll().executeTakeFirst();
        return row === undefined ? undefined : managedPolicyOf(row);
      });
    },

    delete(arn) {
      return scope.write(async (db) => {
        const result = await db.deleteFrom('managed_policies').where('arn', '=', arn).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    async getVersion(arn, versionId) {
      const row = await scope.db
        .selectFrom('policy_versions')
        .selectAll()
        .where('policy_arn', '=', arn)
        .where('version_id', '=', versionId)
        .executeTakeFirst();
      return row === undefined ? undefined : policyVersionOf(row);
    },

    async listVersions(arn) {
      const rows = await scope.db
        .selectFrom('policy_versions')
        .selectAll()
        .where('policy_arn', '=', arn)
        .orderBy(versionNumber)
        .orderBy('version_id')
        .execute();
      return rows.map(policyVersionOf);
    },

    async allDefaultVersions() {
      const rows = await scope.db
        .selectFrom('policy_versions as v')
        .innerJoin('managed_policies as p', (join) =>
          join.onRef('p.arn', '=', 'v.policy_arn').onRef('p.default_version_id', '=', 'v.version_id'),
        )
        .selectAll('v')
        .orderBy('v.policy_arn')
        .execute();
      return rows.map(policyVersionOf);
    },

    insertVersion(version) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('policy_versions')
          .values({
            policy_arn: version.policyArn,
            version_id: version.versionId,
            document: version.document,
            created_at: isoText(version.createdAt),
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('policy-version', version.versionId) : policyVersionOf(row);
      });
    },

    deleteVersion(arn, versionId) {
      return scope.write(async (db) => {
        const result = await db
          .deleteFrom('policy_versions')
          .where('policy_arn', '=', arn)
          .where('version_id', '=', versionId)
          .executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
  };
}
