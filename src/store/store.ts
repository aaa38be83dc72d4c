import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import { accessKeysRepo, type AccessKeysRepo } from './access-keys.ts';
import { accountAliasesRepo, type AccountAliasesRepo } from './account-aliases.ts';
import { accountsRepo, type AccountsRepo } from './accounts.ts';
import { auditEventsRepo, type AuditEventsRepo } from './audit-events.ts';
import { clustersRepo, type ClustersRepo } from './clusters.ts';
import { iamGroupsRepo, type IamGroupsRepo } from './iam-groups.ts';
import { iamInlinePoliciesRepo, type IamInlinePoliciesRepo } from './iam-inline-policies.ts';
import { iamInstanceProfilesRepo, type IamInstanceProfilesRepo } from './iam-instance-profiles.ts';
import { iamManagedPoliciesRepo, type IamManagedPoliciesRepo } from './iam-managed-policies.ts';
import { iamPolicyAttachmentsRepo, type IamPolicyAttachmentsRepo } from './iam-policy-attachments.ts';
import { iamRolesRepo, type IamRolesRepo } from './iam-roles.ts';
import { iamUsersRepo, type IamUsersRepo } from './iam-users.ts';
import { oidcProvidersRepo, type OidcProvidersRepo } from './oidc-providers.ts';
import { orgPoliciesRepo, type OrgPoliciesRepo } from './org-policies.ts';
import { organizationsRepo, type OrganizationsRepo } from './organizations.ts';
import { stsKeysRepo, type StsKeysRepo } from './sts-keys.ts';
import { readRevision, bumpRevision } from './revision.ts';
import { s3BucketsRepo, s3ObjectsRepo, s3UploadsRepo, type S3BucketsRepo, type S3ObjectsRepo, type S3UploadsRepo } from './s3-entities.ts';
import type { Database } from './schema.ts';
import { StoreReentryError, storeScope, transactionScope, type Scope } from './scope.ts';
import type { StoreKind } from './store-kind.ts';

/** The entity repositories, the same on the store and inside a transaction. */
export interface StoreRepos {
  readonly accounts: AccountsRepo;
  readonly organizations: OrganizationsRepo;
  readonly orgPolicies: OrgPoliciesRepo;
  readonly users: IamUsersRepo;
  readonly groups: IamGroupsRepo;
  readonly roles: IamRolesRepo;
  readonly inlinePolicies: IamInlinePoliciesRepo;
  readonly managedPolicies: IamManagedPoliciesRepo;
  readonly policyAttachments: IamPolicyAttachmentsRepo;
  readonly accessKeys: AccessKeysRepo;
  readonly oidcProviders: OidcProvidersRepo;
  readonly instanceProfiles: IamInstanceProfilesRepo;
  readonly accountAliases: AccountAliasesRepo;
  readonly stsKeys: StsKeysRepo;
  readonly clusters: ClustersRepo;
  readonly auditEvents: AuditEventsRepo;
  readonly s3Buckets: S3BucketsRepo;
  readonly s3Objects: S3ObjectsRepo;
  readonly s3Uploads: S3UploadsRepo;
}

/** What a transaction sees: the repositories, bound to the transaction, and its revision. */
export interface StoreTx extends StoreRepos {
  readonly kind: StoreKind;
  /** The revision as this transaction sees it (inside store.transaction: already raised). */
  revision(): Promise<number>;
}

/**
 * The control plane's persistent state. Each write method of a repository is atomic and raises
 * the revision; `transaction` groups several into one atomic write.
 */
export interface Store extends StoreTx {
  /**
   * Runs `work` in one write transaction: everything it writes commits together, or nothing
   * does if it throws (the error is rethrown). The revision is raised once, when it begins;
   * write transactions run one at a time, on both backends.
   */
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one read-only transaction that sees a single consistent state, e.g. to
   * build an in-memory snapshot tagged with the revision it was built from.
   */
  read<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Closes the database (SQLite) or the pool (PostgreSQL). */
  close(): Promise<void>;
}

function repos(scope: Scope): StoreRepos {
  return {
    accounts: accountsRepo(scope),
    organizations: organizationsRepo(scope),
    orgPolicies: orgPoliciesRepo(scope),
    users: iamUsersRepo(scope),
    groups: iamGroupsRepo(scope),
    roles: iamRolesRepo(scope),
    inlinePolicies: iamInlinePoliciesRepo(scope),
    managedPolicies: iamManagedPoliciesRepo(scope),
    policyAttachments: iamPolicyAttachmentsRepo(scope),
    accessKeys: accessKeysRepo(scope),
    oidcProviders: oidcProvidersRepo(scope),
    instanceProfiles: iamInstanceProfilesRepo(scope),
    accountAliases: accountAliasesRepo(scope),
    stsKeys: stsKeysRepo(scope),
    clusters: clustersRepo(scope),
    auditEvents: auditEventsRepo(scope),
    s3Buckets: s3BucketsRepo(scope),
    s3Objects: s3ObjectsRepo(scope),
    s3Uploads: s3UploadsRepo(scope),
  };
}

function txOf(kind: StoreKind, db: Kysely<Database>, scope: Scope): StoreTx {
  return { kind, revision: () => readRevision(db), ...repos(scope) };
}

/** Builds the store over a migrated database. */
export function createStore(kind: StoreKind, db: Kysely<Database>): Store {
  // Marks the async context of each open transaction, so that a call on the store itself from
  // inside one fails (StoreReentryError) instead of waiting for that transaction forever. The
  // mark is cleared when the transaction ends: a timer it left behind may use the store.
  const openTransaction = new AsyncLocalStorage<{ open: boolean }>();
  const guard = (): void => {
    if (openTransaction.getStore()?.open === true) throw new StoreReentryError();
  };
  const inTransaction = async <T>(run: () => Promise<T>): Promise<T> => {
    guard();
    const mark = { open: true };
    try {
      return await openTransaction.run(mark, run);
    } finally {
      mark.open = false;
    }
  };
  return {
    ...txOf(kind, db, storeScope(kind, db, guard)),
    revision: async () => {
      guard();
      return readRevision(db);
    },
    transaction: (work) =>
      inTransaction(() =>
        db.transaction().execute(async (trx) => {
          await bumpRevision(trx);
          return work(txOf(kind, trx, transactionScope(kind, trx, false)));
        }),
      ),
    read: (work) =>
      inTransaction(() => {
        // PostgreSQL's default READ COMMITTED gives each statement its own view; REPEATABLE
        // READ gives the whole transaction one. SQLite's deferred BEGIN reads one snapshot.
        let builder = db.transaction().setAccessMode('read only');
        if (kind === 'postgres') builder = builder.setIsolationLevel('repeatable read');
        return builder.execute((trx) => work(txOf(kind, trx, transactionScope(kind, trx, true))));
      }),
    close: () => db.destroy(),
  };
}
