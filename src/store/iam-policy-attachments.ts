import { sql } from 'kysely';
import { oneOf } from './column-codecs.ts';
import { nameKey, startsWith } from './iam-listing.ts';
import { principalTypes, type PrincipalType } from './iam-principals.ts';
import { decodeMarker, toPage, type Page, type PageRequest, type StoreInvalidMarker } from './pagination.ts';
import type { Scope } from './scope.ts';

/** A managed policy attached to a user, group or role (Attach{User,Group,Role}Policy). */
export interface PolicyAttachment {
  readonly policyArn: string;
  /** The unique ID of the user, group or role. */
  readonly principalId: string;
  readonly principalType: PrincipalType;
  /** The principal's account (AWS managed policies are attached in many). */
  readonly accountId: string;
}

/** An attached policy as ListAttached{User,Group,Role}Policies shows it. */
export interface AttachedPolicy {
  readonly policyArn: string;
  readonly policyName: string;
}

/** A principal a policy is attached to, as ListEntitiesForPolicy shows it. */
export interface PolicyEntity {
  readonly principalId: string;
  readonly principalType: PrincipalType;
  readonly principalName: string;
}

/** Managed policy attachments. */
export interface IamPolicyAttachmentsRepo {
  /** Attaches; false when it already was (Attach*Policy succeeds either way). */
  attach(attachment: PolicyAttachment): Promise<boolean>;
  detach(policyArn: string, principalId: string): Promise<boolean>;
  isAttached(policyArn: string, principalId: string): Promise<boolean>;
  /** The principal's attached policies by policy name, then ARN; PathPrefix filters the policy's path. */
  listForPrincipal(
    principalId: string,
    request: PageRequest & { readonly pathPrefix?: string | undefined },
  ): Promise<Page<AttachedPolicy> | StoreInvalidMarker>;
  /** The account's principals a policy is attached to, by type then name. */
  listEntities(
    policyArn: string,
    request: PageRequest & { readonly accountId: string; readonly principalType?: PrincipalType | undefined },
  ): Promise<Page<PolicyEntity> | StoreInvalidMarker>;
  all(): Promise<PolicyAttachment[]>;
}

/** The policy attachments repository over a scope. */
export function iamPolicyAttachmentsRepo(scope: Scope): IamPolicyAttachmentsRepo {
  return {
    attach(attachment) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('policy_attachments')
          .values({
            policy_arn: attachment.policyArn,
            principal_id: attachment.principalId,
            principal_type: attachment.principalType,
            account_id: attachment.accountId,
          })
          .onConflict((oc) => oc.doNothing())
          .returning('policy_arn')
          .executeTakeFirst();
        return row !== undefined;
      });
    },

    detach(policyArn, principalId) {
      return scope.write(async (db) => {
        const result = await db
          .deleteFrom('policy_attachments')
          .where('policy_arn', '=', policyArn)
          .where('principal_id', '=', principalId)
          .executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    async isAttached(policyArn, principalId) {
      const row = await scope.db
        .selectFrom('policy_attachments')
        .select('policy_arn')
        .where('policy_arn', '=', policyArn)
        .where('principal_id', '=', principalId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async listForPrincipal(principalId, request) {
      const listing = `attached:${principalId}`;
      let query = scope.db
        .selectFrom('policy_attachments as a')
        .innerJoin('managed_policies as p', 'p.arn', 'a.policy_arn')
        .select(['p.arn', 'p.name'])
        .select(nameKey('p.name').as('sort_key'))
        .where('a.principal_id', '=', principalId);
      if (request.pathPrefix !== undefined) query = query.where(startsWith('p.path', request.pathPrefix));
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
        policyArn: r.arn,
        policyName: r.name,
      }));
    },

    async listEntities(policyArn, request) {
      const listing = `entities:${policyArn}`;
      const principalName = sql<string>`coalesce(u.name, g.name, r.name)`;
      let query = scope.db
        .selectFrom('policy_attachments as a')
        .leftJoin('users as u', 'u.user_id', 'a.principal_id')
        .leftJoin('groups as g', 'g.group_id', 'a.principal_id')
        .leftJoin('roles as r', 'r.role_id', 'a.principal_id')
        .select(['a.principal_id', 'a.principal_type'])
        .select(principalName.as('principal_name'))
        .select(sql<string>`lower(${principalName})`.as('sort_key'))
        .where('a.policy_arn', '=', policyArn)
        .where('a.account_id', '=', request.accountId);
      if (request.principalType !== undefined) query = query.where('a.principal_type', '=', request.principalType);
      if (request.marker !== undefined) {
        const after = decodeMarker(listing, 2, request.marker);
        if (!Array.isArray(after)) return after;
        const [afterType = '', afterName = ''] = after;
        query = query.where((eb) =>
          eb.or([
            eb('a.principal_type', '>', afterType),
            eb.and([eb('a.principal_type', '=', afterType), eb(sql<string>`lower(${principalName})`, '>', afterName)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('a.principal_type')
        .orderBy(sql`lower(${principalName})`)
        .limit(request.maxItems + 1)
        .execute();
      return toPage(listing, rows, request.maxItems, (r) => [r.principal_type, r.sort_key], (r) => ({
        principalId: r.principal_id,
        principalType: oneOf('managed-policy', principalTypes, r.principal_type),
        principalName: r.principal_name,
      }));
    },

    async all() {
      const rows = await scope.db
        .selectFrom('policy_attachments')
        .selectAll()
        .orderBy('policy_arn')
        .orderBy('principal_id')
        .execute();
      return rows.map((r) => ({
        policyArn: r.policy_arn,
        principalId: r.principal_id,
        principalType: oneOf('managed-policy', principalTypes, r.principal_type),
        accountId: r.account_id,
      }));
    },
  };
}
