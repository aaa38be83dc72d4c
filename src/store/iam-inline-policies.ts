import type { Selectable } from 'kysely';
import { oneOf } from './column-codecs.ts';
import { nameKey, nameKeyOf } from './iam-listing.ts';
import { principalTypes, type PrincipalType } from './iam-principals.ts';
import { decodeMarker, toPage, type Page, type PageRequest, type StoreInvalidMarker } from './pagination.ts';
import type { InlinePoliciesTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** A policy embedded in one user, group or role (Put{User,Group,Role}Policy). */
export interface InlinePolicy {
  /** The unique ID of the user, group or role that holds it. */
  readonly principalId: string;
  readonly principalType: PrincipalType;
  readonly accountId: string;
  readonly policyName: string;
  /** The policy document, as submitted. */
  readonly document: string;
}

/** Inline policies. Names are unique per principal, case-insensitively. */
export interface IamInlinePoliciesRepo {
  get(principalId: string, policyName: string): Promise<InlinePolicy | undefined>;
  /** The principal's inline policies, by name (List{User,Group,Role}Policies). */
  list(principalId: string, request: PageRequest): Promise<Page<InlinePolicy> | StoreInvalidMarker>;
  all(): Promise<InlinePolicy[]>;
  /**
   * Adds the policy, or replaces the document of the principal's policy of that name in any case
   * (Put*Policy overwrites). The stored name becomes the one given.
   */
  put(policy: InlinePolicy): Promise<InlinePolicy>;
  delete(principalId: string, policyName: string): Promise<boolean>;
}

function inlinePolicyOf(row: Selectable<InlinePoliciesTable>): InlinePolicy {
  return {
    principalId: row.principal_id,
    principalType: oneOf('inline-policy', principalTypes, row.principal_type),
    accountId: row.account_id,
    policyName: row.policy_name,
    document: row.document,
  };
}

/** The inline policies repository over a scope. */
export function iamInlinePoliciesRepo(scope: Scope): IamInlinePoliciesRepo {
  return {
    async get(principalId, policyName) {
      const row = await scope.db
        .selectFrom('inline_policies')
        .selectAll()
        .where('principal_id', '=', principalId)
        .where(nameKey('policy_name'), '=', nameKeyOf(policyName))
        .executeTakeFirst();
      return row === undefined ? undefined : inlinePolicyOf(row);
    },

    async list(principalId, request) {
      const listing = `inline:${principalId}`;
      let query = scope.db
        .selectFrom('inline_policies')
        .selectAll()
        .select(nameKey('policy_name').as('sort_key'))
        .where('principal_id', '=', principalId);
      if (request.marker !== undefined) {
        const after = decodeMarker(listing, 1, request.marker);
        if (!Array.isArray(after)) return after;
        query = query.where(nameKey('policy_name'), '>', after[0] ?? '');
      }
      const rows = await query.orderBy(nameKey('policy_name')).limit(request.maxItems + 1).execute();
      return toPage(listing, rows, request.maxItems, (r) => [r.sort_key], inlinePolicyOf);
    },

    async all() {
      const rows = await scope.db
        .selectFrom('inline_policies')
        .selectAll()
        .orderBy('principal_id')
        .orderBy(nameKey('policy_name'))
        .execute();
      return rows.map(inlinePolicyOf);
    },

    put(policy) {
      // Writers are serialised (revision.ts), so update-else-insert cannot race another put.
      return scope.write(async (db) => {
        const updated = await db
          .updateTable('inline_policies')
          .set({ policy_name: policy.policyName, document: policy.document })
          .where('principal_id', '=', policy.principalId)
          .where(nameKey('policy_name'), '=', nameKeyOf(policy.policyName))
          .returningAll()
          .executeTakeFirst();
        if (updated !== undefined) return inlinePolicyOf(updated);
        const inserted = await db
          .insertInto('inline_policies')
          .values({
            principal_id: policy.principalId,
            principal_type: policy.principalType,
            account_id: policy.accountId,
            policy_name: policy.policyName,
            document: policy.document,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return inlinePolicyOf(inserted);
      });
    },

    delete(principalId, policyName) {
      return scope.write(async (db) => {
        const result = await db
          .deleteFrom('inline_policies')
          .where('principal_id', '=', principalId)
          .where(nameKey('policy_name'), '=', nameKeyOf(policyName))
          .executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
  };
}
