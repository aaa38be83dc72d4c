import type { Selectable } from 'kysely';
import { StoreConflict, StoreDataError } from './conflict.ts';
import { dateOf, isoText, objectOf, objectText, optional, tagsOf, tagsText, type Tag } from './column-codecs.ts';
import { principalIdsOf, principalIdsText, type PrincipalIds } from './principal-ids.ts';
import type { S3BucketsTable } from './s3-schema.ts';
import type { Scope } from './scope.ts';

/** A bucket's S3 Block Public Access settings (Amazon S3 API Reference, "PublicAccessBlockConfiguration"). */
export interface PublicAccessBlock {
  readonly blockPublicAcls: boolean;
  readonly ignorePublicAcls: boolean;
  readonly blockPublicPolicy: boolean;
  readonly restrictPublicBuckets: boolean;
}

/** An S3 general purpose bucket. */
export interface S3Bucket {
  readonly name: string;
  /** The owner's account. */
  readonly accountId: string;
  readonly region: string;
  readonly createdAt: Date;
  readonly tags: readonly Tag[];
  /** The bucket policy as it was put. */
  readonly policy: string | undefined;
  /** The unique IDs the policy's role and user principals had when it was put, by ARN (absent: none). */
  readonly policyPrincipalIds?: PrincipalIds;
  /** Undefined when the bucket has no configuration (GetPublicAccessBlock: NoSuchPublicAccessBlockConfiguration). */
  readonly publicAccessBlock: PublicAccessBlock | undefined;
}

/** How a bucket deletion ended. */
export type BucketDeletion = 'deleted' | 'absent' | 'not-empty';

/**
 * Buckets. Bucket writes are versioned (they change who may do what: policies, public access
 * blocks, tags that `aws:ResourceTag` reads), so every replica drops its cached buckets when the
 * revision moves.
 */
export interface S3BucketsRepo {
  get(name: string): Promise<S3Bucket | undefined>;
  /** Every bucket, by name. */
  all(): Promise<S3Bucket[]>;
  /** One account's buckets, by name. */
  ofAccount(accountId: string): Promise<S3Bucket[]>;
  /** Conflicts when the name is taken (bucket names are global). */
  insert(bucket: S3Bucket): Promise<S3Bucket | StoreConflict>;
  /** Deletes an empty bucket: one without objects or multipart uploads in progress. */
  delete(name: string): Promise<BucketDeletion>;
  setTags(name: string, tags: readonly Tag[]): Promise<S3Bucket | undefined>;
  /** Replaces the policy and the principal IDs bound to it (none when absent). */
  setPolicy(name: string, policy: string | undefined, principalIds?: PrincipalIds): Promise<S3Bucket | undefined>;
  setPublicAccessBlock(name: string, block: PublicAccessBlock | undefined): Promise<S3Bucket | undefined>;
}

function flagOf(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new StoreDataError('s3-bucket', 'public access block flag');
  return value;
}

function publicAccessBlockOf(text: string | null): PublicAccessBlock | undefined {
  if (text === null) return undefined;
  const o = objectOf('s3-bucket', text);
  return {
    blockPublicAcls: flagOf(o['blockPublicAcls']),
    ignorePublicAcls: flagOf(o['ignorePublicAcls']),
    blockPublicPolicy: flagOf(o['blockPublicPolicy']),
    restrictPublicBuckets: flagOf(o['restrictPublicBuckets']),
  };
}

function publicAccessBlockText(block: PublicAccessBlock | undefined): string | null {
  return block === undefined
    ? null
    : objectText({
        blockPublicAcls: block.blockPublicAcls,
        ignorePublicAcls: block.ignorePublicAcls,
        blockPublicPolicy: block.blockPublicPolicy,
        restrictPublicBuckets: block.restrictPublicBuckets,
      });
}

function bucketOf(row: Selectable<S3BucketsTable>): S3Bucket {
  return {
    name: row.name,
    accountId: row.account_id,
    region: row.region,
    createdAt: dateOf('s3-bucket', row.created_at),
    tags: tagsOf('s3-bucket', row.tags),
    policy: optional(row.policy),
    policyPrincipalIds: principalIdsOf('s3-bucket', row.policy_principal_ids),
    publicAccessBlock: publicAccessBlockOf(row.public_access_block),
  };
}

/** The buckets repository over a scope. */
export function s3BucketsRepo(scope: Scope): S3BucketsRepo {
  const update = (name: string, set: Partial<Pick<S3BucketsTable, 'tags' | 'policy' | 'policy_principal_ids' | 'public_access_block'>>) =>
    scope.write(async (db) => {
      const row = await db.updateTable('s3_buckets').set(set).where('name', '=', name).returningAll().executeTakeFirst();
      return row === undefined ? undefined : bucketOf(row);
    });
  return {
    async get(name) {
      const row = await scope.db.selectFrom('s3_buckets').selectAll().where('name', '=', name).executeTakeFirst();
      return row === undefined ? undefined : bucketOf(row);
    },

    async all() {
      const rows = await scope.db.selectFrom('s3_buckets').selectAll().orderBy('name').execute();
      return rows.map(bucketOf);
    },

    async ofAccount(accountId) {
      const rows = await scope.db.selectFrom('s3_buckets').selectAll().where('account_id', '=', accountId).orderBy('name').execute();
      return rows.map(bucketOf);
    },

    insert(bucket) {
      return scope.write(async (db) => {
        const row = await db
          .insertInto('s3_buckets')
          .values({
            name: bucket.name,
            account_id: bucket.accountId,
            region: bucket.region,
            created_at: isoText(bucket.createdAt),
            tags: tagsText(bucket.tags),
            policy: bucket.policy ?? null,
            policy_principal_ids: principalIdsText(bucket.policyPrincipalIds),
            public_access_block: publicAccessBlockText(bucket.publicAccessBlock),
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('s3-bucket', bucket.name) : bucketOf(row);
      });
    },

    delete(name) {
      return scope.write(async (db): Promise<BucketDeletion> => {
        const object = await db.selectFrom('s3_objects').select('key').where('bucket', '=', name).limit(1).executeTakeFirst();
        const upload = await db.selectFrom('s3_uploads').select('upload_id').where('bucket', '=', name).limit(1).executeTakeFirst();
        if (object !== undefined || upload !== undefined) return 'not-empty';
        const result = await db.deleteFrom('s3_buckets').where('name', '=', name).executeTakeFirst();
        return result.numDeletedRows > 0n ? 'deleted' : 'absent';
      });
    },

    setTags: (name, tags) => update(name, { tags: tagsText(tags) }),
    setPolicy: (name, policy, principalIds) =>
      update(name, { policy: policy ?? null, policy_principal_ids: policy === undefined ? null : principalIdsText(principalIds) }),
    setPublicAccessBlock: (name, block) => update(name, { public_access_block: publicAccessBlockText(block) }),
  };
}
