import type { Kysely } from 'kysely';

// Amazon S3 User Guide, "Understanding and managing Amazon S3 storage classes": every object has a
// storage class, STANDARD unless the write named another (x-amz-storage-class on PutObject, CopyObject
// and CreateMultipartUpload, which a multipart upload's object keeps). Objects and uploads written
// before this migration are STANDARD, as they were answered.

/** Adds s3_objects.storage_class and s3_uploads.storage_class. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('s3_objects').addColumn('storage_class', 'text', (c) => c.notNull().defaultTo('STANDARD')).execute();
  await db.schema.alterTable('s3_uploads').addColumn('storage_class', 'text', (c) => c.notNull().defaultTo('STANDARD')).execute();
}
