import type { Selectable } from 'kysely';
import { guardUnique, StoreConflict } from './conflict.ts';
import { dateOf, flag, flagOf, isoText, oneOf, optional, setsAnyColumn } from './column-codecs.ts';
import type { OrgPoliciesTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** The authorization policy types of AWS Organizations that podiam evaluates. */
export type OrgPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
const orgPolicyTypes: readonly OrgPolicyType[] = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];

/** An Organizations policy (`p-…`): an SCP or RCP document. */
export interface OrgPolicy {
  readonly id: string;
  /** Undefined for AWS managed policies (FullAWSAccess, RCPFullAWSAccess), shared by all. */
  readonly organizationId: string | undefined;
  readonly name: string;
  readonly description: string;
  readonly type: OrgPolicyType;
  /** The policy document as submitted. */
  readonly content: string;
  readonly awsManaged: boolean;
  readonly createdAt: Date;
}

/** Fields UpdatePolicy may change. */
export interface OrgPolicyPatch {
  readonly name?: string;
  readonly description?: string;
  readonly content?: string;
}

/** A policy attached to a root, OU or account. */
export interface OrgPolicyAttachment {
  readonly policyId: string;
  readonly targetId: string;
}

/** Organizations policies and their attachments. Names are unique per organization. */
export interface OrgPoliciesRepo {
  get(id: string): Promise<OrgPolicy | undefined>;
  /** The organization's policies of one type (and the AWS managed ones), by name. */
  list(organizationId: string, type: OrgPolicyType): Promise<OrgPolicy[]>;
  all(): Promise<OrgPolicy[]>;
  insert(policy: OrgPolicy): Promise<OrgPolicy | StoreConflict>;
  update(id: string, patch: OrgPolicyPatch): Promise<OrgPolicy | undefined | StoreConflict>;
  /** Deletes the policy and its attachments. */
  delete(id: string): Promise<boolean>;

  /** Conflicts when the policy is already attached to the target. */
  attach(attachment: OrgPolicyAttachment): Promise<OrgPolicyAttachment | StoreConflict>;
  detach(attachment: OrgPolicyAttachment): Promise<boolean>;
  /** Policies attached directly to a root, OU or account. */
  attachedTo(targetId: string): Promise<OrgPolicy[]>;
  /** Targets a policy is attached to. */
  targetsOf(policyId: string): Promise<string[]>;
  allAttachments(): Promise<OrgPolicyAttachment[]>;
}

function orgPolicyOf(row: Selectable<OrgPoliciesTable>): OrgPolicy {
  return {
    id: row.id,
    organizationId: optional(row.organization_id),
    name: row.name,
    description: row.description,
    type: oneOf('org-policy', orgPolicyTypes, row.type),
    content: row.content,
    awsManaged: flagOf('org-policy', row.aws_managed),
    createdAt: dateOf('org-policy', row.created_at),
  };
}

/** The Organizations policies repository over a scope. */
export function orgPoliciesRepo(scope: Scope): OrgPoliciesRepo {
  const get = async (id: string): Promise<OrgPolicy | undefined> => {
    const row = await scope.db.selectFrom('org_policies').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : orgPolicyOf(row);
  };
  return {
    get,

    async list(organizationId, type) {
      const rows = await scope.db
        .selectFrom('org_policies')
        .selectAll()
        .where('type', '=', type)
        .where((eb) => eb.or([eb('organization_id', '=', organizationId), eb('organization_id', 'is', null)]))
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map(orgPolicyOf);
    },

    async all() {
      const rows = await scope.db.selectFrom('org_policies').selectAll().orderBy('id').execute();
      return rows.map(orgPolicyOf);
    },

    insert(policy) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('org_policies')
          .values({
            id: policy.id,
            organization_id: policy.organizationId ?? null,
            name: policy.name,
            description: policy.description,
            type: policy.type,
            content: policy.content,
            aws_managed: flag(policy.awsManaged),
            created_at: isoText(policy.createdAt),
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('org-policy', policy.name) : orgPolicyOf(row);
      });
    },

    update(id, patch) {
      const set = { name: patch.name, description: patch.description, content: patch.content };
      if (!setsAnyColumn(set)) return get(id);
      return scope.write((db) =>
        guardUnique(db, 'org-policy', patch.name ?? id, async () => {
          const row = await db.updateTable('org_policies').set(set).where('id', '=', id).returningAll().executeTakeFirst();
          return row === undefined ? undefined : orgPolicyOf(row);
        }),
      );
    },

    delete(id) {
      return scope.write(async (db) => {
        const result = await db.deleteFrom('org_policies').where('id', '=', id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    attach(attachment) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('org_policy_attachments')
          .values({ policy_id: attachment.policyId, target_id: attachment.targetId })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined
          ? new StoreConflict('org-policy-attachment', `${attachment.policyId} ${attachment.targetId}`)
          : { policyId: row.policy_id, targetId: row.target_id };
      });
    },

    detach(attachment) {
      return scope.write(async (db) => {
        const result = await db
          .deleteFrom('org_policy_attachments')
          .where('policy_id', '=', attachment.policyId)
          .where('target_id', '=', attachment.targetId)
          .executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    async attachedTo(targetId) {
      const rows = await scope.db
        .selectFrom('org_policy_attachments as a')
        .innerJoin('org_policies as p', 'p.id', 'a.policy_id')
        .selectAll('p')
        .where('a.target_id', '=', targetId)
        .orderBy('p.name')
        .orderBy('p.id')
        .execute();
      return rows.map(orgPolicyOf);
    },

    async targetsOf(policyId) {
      const rows = await scope.db
        .selectFrom('org_policy_attachments')
        .select('target_id')
        .where('policy_id', '=', policyId)
        .orderBy('target_id')
        .execute();
      return rows.map((r) => r.target_id);
    },

    async allAttachments() {
      const rows = await scope.db.selectFrom('org_policy_attachments').selectAll().orderBy('policy_id').orderBy('target_id').execute();
      return rows.map((r) => ({ policyId: r.policy_id, targetId: r.target_id }));
    },
  };
}
