import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { StoreKind } from '../store-kind.ts';

// The S3 service's metadata: buckets (with their tags, bucket policy and public access block),
// objects, multipart uploads and their parts. Object bytes live in files under the data directory;
// rows name them (`blobs`, `blob`) — except small objects, whose bytes are kept in their row
// (`data`), so that writing one is a single atomic commit instead of a file fsync, a rename and a
// directory fsync. Sizes are 64-bit (`bigint`: S3 objects reach 5 TiB). As in the
// initial schema, PostgreSQL text columns are `COLLATE "C"`: keys list in UTF-8 byte order, as S3
// lists them ("ListObjectsV2": "returned in UTF-8 binary order"), on both backends.

/** Creates the S3 tables and their indexes. */
export async function up(db: Kysely<unknown>, kind: StoreKind): Promise<void> {
  const text: 'text' | RawBuilder<unknown> = kind === 'postgres' ? sql`text collate "C"` : 'text';
  const s = db.schema;

  await s
    .createTable('s3_buckets')
    .addColumn('name', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('region', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('tags', text, (c) => c.notNull())
    .addColumn('policy', text)
    .addColumn('public_access_block', text)
    .execute();
  await s.createIndex('s3_buckets_account').on('s3_buckets').columns(['account_id', 'name']).execute();

  await s
    .createTable('s3_objects')
    .addColumn('bucket', text, (c) => c.notNull().references('s3_buckets.name').onDelete('cascade'))
    .addColumn('key', text, (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('etag', text, (c) => c.notNull())
    .addColumn('last_modified', text, (c) => c.notNull())
    .addColumn('content_type', text)
    .addColumn('headers', text, (c) => c.notNull())
    .addColumn('metadata', text, (c) => c.notNull())
    .addColumn('tags', text, (c) => c.notNull())
    .addColumn('blobs', text, (c) => c.notNull())
    .addColumn('checksum', text)
    .addColumn('parts_count', 'integer')
    .addColumn('data', kind === 'postgres' ? 'bytea' : 'blob')
    .addPrimaryKeyConstraint('s3_objects_pk', ['bucket', 'key'])
    .execute();

  await s
    .createTable('s3_uploads')
    .addColumn('upload_id', text, (c) => c.primaryKey())
    .addColumn('bucket', text, (c) => c.notNull().references('s3_buckets.name').onDelete('cascade'))
    .addColumn('key', text, (c) => c.notNull())
    .addColumn('initiated', text, (c) => c.notNull())
    .addColumn('initiator', text, (c) => c.notNull())
    .addColumn('content_type', text)
    .addColumn('headers', text, (c) => c.notNull())
    .addColumn('metadata', text, (c) => c.notNull())
    .addColumn('tags', text, (c) => c.notNull())
    .addColumn('checksum_algorithm', text)
    .execute();
  // ListMultipartUploads: by key, then by initiation time (Amazon S3 API Reference, "ListMultipartUploads").
  await s.createIndex('s3_uploads_listing').on('s3_uploads').columns(['bucket', 'key', 'initiated', 'upload_id']).execute();

  await s
    .createTable('s3_parts')
    .addColumn('upload_id', text, (c) => c.notNull().references('s3_uploads.upload_id').onDelete('cascade'))
    .addColumn('part_number', 'integer', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('etag', text, (c) => c.notNull())
    .addColumn('last_modified', text, (c) => c.notNull())
    .addColumn('blob', text, (c) => c.notNull())
    .addColumn('checksum', text)
    .addPrimaryKeyConstraint('s3_parts_pk', ['upload_id', 'part_number'])
    .execute();
}
