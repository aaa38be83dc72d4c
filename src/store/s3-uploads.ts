import type { Kysely, Selectable } from 'kysely';
import { StoreConflict, StoreDataError } from './conflict.ts';
import { dateOf, isoText, objectOf, objectText, tagsOf, tagsText, type Tag } from './column-codecs.ts';
import { blobsOf, blobsText, checksumOf, checksumText, sizeOf, stringMapOf, stringMapText, type BlobRef, type ObjectChecksum } from './s3-codecs.ts';
import { prefixUpperBound } from './s3-key-range.ts';
import type { S3Object } from './s3-objects.ts';
import type { S3PartsTable, S3UploadsTable } from './s3-schema.ts';
import type { Database } from './schema.ts';
import type { Scope } from './scope.ts';

/** Who initiated a multipart upload. */
export interface UploadInitiator {
  /** The principal's ID (`AIDA…`, `AROA…:session`, the account for root). */
  readonly id: string;
  readonly arn: string;
}

/** A multipart upload in progress, with the object headers given when it was created. */
export interface S3Upload {
  readonly uploadId: string;
  readonly bucket: string;
  readonly key: string;
  readonly initiated: Date;
  readonly initiator: UploadInitiator;
  readonly contentType: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly metadata: Readonly<Record<string, string>>;
  readonly tags: readonly Tag[];
  readonly checksumAlgorithm: string | undefined;
  /** The storage class the completed object gets. */
  readonly storageClass: string;
}

/** One uploaded part, held in its own file. */
export interface S3Part {
  readonly uploadId: string;
  readonly partNumber: number;
  readonly size: number;
  /** MD5 hex of the part, without quotes. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly blob: string;
  readonly checksum: ObjectChecksum | undefined;
}

/** Which uploads of a bucket a ListMultipartUploads page reads: by key, then initiation. */
export interface S3UploadRange {
  readonly prefix?: string;
  /** Uploads of keys after this one (and, with `uploadIdMarker`, later uploads of this key). */
  readonly keyMarker?: string;
  readonly uploadIdMarker?: string;
  /** Only keys past every key that starts with this. */
  readonly skipping?: string;
  readonly limit: number;
}

/** How a completion ended. */
export type UploadCompletion =
  | { readonly ok: true; readonly replaced: readonly BlobRef[]; readonly unused: readonly string[] }
  | { readonly ok: false; readonly reason: 'no-upload' | 'no-bucket' | 'parts-changed' };

/** Multipart uploads and their parts. Not versioned, like objects. */
export interface S3UploadsRepo {
  get(uploadId: string): Promise<S3Upload | undefined>;
  /** Undefined when the bucket does not exist (any more). */
  create(upload: S3Upload): Promise<S3Upload | StoreConflict | undefined>;
  list(bucket: string, range: S3UploadRange): Promise<S3Upload[]>;
  /** Stores a part; returns the file of the part it replaced (if any), or undefined when the upload is gone. */
  putPart(part: S3Part): Promise<{ readonly replaced: string | undefined } | undefined>;
  /** Parts by number, after `after`. */
  parts(uploadId: string, range: { readonly after?: number; readonly limit: number }): Promise<S3Part[]>;
  /** Ends an upload; returns its parts (their files are the caller's to remove), or undefined. */
  abort(uploadId: string): Promise<S3Part[] | undefined>;
  /**
   * Ends an upload by creating (or replacing) its object from its parts, atomically. The object's
   * blobs must be files of the upload's current parts ('parts-changed' otherwise: a part was
   * uploaded again meanwhile). Returns the files of the replaced version and of the unused parts.
   */
  complete(uploadId: string, object: S3Object): Promise<UploadCompletion>;
}

function uploadOf(row: Selectable<S3UploadsTable>): S3Upload {
  const initiator = objectOf('s3-upload', row.initiator);
  const { id, arn } = initiator;
  if (typeof id !== 'string' || typeof arn !== 'string') throw new StoreDataError('s3-upload', 'initiator');
  return {
    uploadId: row.upload_id,
    bucket: row.bucket,
    key: row.key,
    initiated: dateOf('s3-upload', row.initiated),
    initiator: { id, arn },
    contentType: row.content_type ?? undefined,
    headers: stringMapOf('s3-upload', row.headers),
    metadata: stringMapOf('s3-upload', row.metadata),
    tags: tagsOf('s3-upload', row.tags),
    checksumAlgorithm: row.checksum_algorithm ?? undefined,
    storageClass: row.storage_class,
  };
}

function partOf(row: Selectable<S3PartsTable>): S3Part {
  return {
    uploadId: row.upload_id,
    partNumber: row.part_number,
    size: sizeOf('s3-part', row.size),
    etag: row.etag,
    lastModified: dateOf('s3-part', row.last_modified),
    blob: row.blob,
    checksum: checksumOf('s3-part', row.checksum),
  };
}

async function bucketExists(db: Kysely<Database>, scope: Scope, bucket: string): Promise<boolean> {
  let q = db.selectFrom('s3_buckets').select('name').where('name', '=', bucket);
  if (scope.kind === 'postgres') q = q.forShare();
  return (await q.executeTakeFirst()) !== undefined;
}

/** The multipart uploads repository over a scope. */
export function s3UploadsRepo(scope: Scope): S3UploadsRepo {
  return {
    async get(uploadId) {
      const row = await scope.db.selectFrom('s3_uploads').selectAll().where('upload_id', '=', uploadId).executeTakeFirst();
      return row === undefined ? undefined : uploadOf(row);
    },

    create(upload) {
      return scope.append(async (db) => {
        if (!(await bucketExists(db, scope, upload.bucket))) return undefined;
        const row = await db
          .insertInto('s3_uploads')
          .values({
            upload_id: upload.uploadId,
            bucket: upload.bucket,
            key: upload.key,
            initiated: isoText(upload.initiated),
            initiator: objectText({ id: upload.initiator.id, arn: upload.initiator.arn }),
            content_type: upload.contentType ?? null,
            headers: stringMapText(upload.headers),
            metadata: stringMapText(upload.metadata),
            tags: tagsText(upload.tags),
            checksum_algorithm: upload.checksumAlgorithm ?? null,
            storage_class: upload.storageClass,
          })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? new StoreConflict('s3-upload', upload.uploadId) : uploadOf(row);
      });
    },

    async list(bucket, range) {
      let query = scope.db.selectFrom('s3_uploads').selectAll().where('bucket', '=', bucket);
      if (range.prefix !== undefined && range.prefix !== '') {
        query = query.where('key', '>=', range.prefix);
        const end = prefixUpperBound(range.prefix);
        if (end !== undefined) query = query.where('key', '<', end);
      }
      if (range.skipping !== undefined) {
        const past = prefixUpperBound(range.skipping);
        if (past === undefined) return [];
        query = query.where('key', '>=', past);
      }
      const keyMarker = range.keyMarker;
      if (keyMarker !== undefined) {
        const marker =
          range.uploadIdMarker === undefined
            ? undefined
            : await scope.db
                .selectFrom('s3_uploads')
                .select(['initiated', 'upload_id'])
                .where('upload_id', '=', range.uploadIdMarker)
                .where('key', '=', keyMarker)
                .executeTakeFirst();
        query =
          marker === undefined
            ? query.where('key', '>', keyMarker)
            : query.where((eb) =>
                eb.or([
                  eb('key', '>', keyMarker),
                  eb.and([
                    eb('key', '=', keyMarker),
                    eb.or([
                      eb('initiated', '>', marker.initiated),
                      eb.and([eb('initiated', '=', marker.initiated), eb('upload_id', '>', marker.upload_id)]),
                    ]),
                  ]),
                ]),
              );
      }
      const rows = await query.orderBy('key').orderBy('initiated').orderBy('upload_id').limit(range.limit).execute();
      return rows.map(uploadOf);
    },

    putPart(part) {
      return scope.append(async (db) => {
        let upload = db.selectFrom('s3_uploads').select('upload_id').where('upload_id', '=', part.uploadId);
        if (scope.kind === 'postgres') upload = upload.forShare();
        if ((await upload.executeTakeFirst()) === undefined) return undefined;
        let previous = db
          .selectFrom('s3_parts')
          .select('blob')
          .where('upload_id', '=', part.uploadId)
          .where('part_number', '=', part.partNumber);
        if (scope.kind === 'postgres') previous = previous.forUpdate();
        const old = await previous.executeTakeFirst();
        const row = {
          upload_id: part.uploadId,
          part_number: part.partNumber,
          size: part.size,
          etag: part.etag,
          last_modified: isoText(part.lastModified),
          blob: part.blob,
          checksum: checksumText(part.checksum),
        };
        await db
          .insertInto('s3_parts')
          .values(row)
          .onConflict((oc) =>
            oc.columns(['upload_id', 'part_number']).doUpdateSet({
              size: row.size,
              etag: row.etag,
              last_modified: row.last_modified,
              blob: row.blob,
              checksum: row.checksum,
            }),
          )
          .execute();
        return { replaced: old?.blob };
      });
    },

    async parts(uploadId, range) {
      let query = scope.db.selectFrom('s3_parts').selectAll().where('upload_id', '=', uploadId);
      if (range.after !== undefined) query = query.where('part_number', '>', range.after);
      const rows = await query.orderBy('part_number').limit(range.limit).execute();
      return rows.map(partOf);
    },

    abort(uploadId) {
      return scope.append(async (db) => {
        const parts = await db.deleteFrom('s3_parts').where('upload_id', '=', uploadId).returningAll().execute();
        const result = await db.deleteFrom('s3_uploads').where('upload_id', '=', uploadId).executeTakeFirst();
        return result.numDeletedRows > 0n ? parts.map(partOf) : undefined;
      });
    },

    complete(uploadId, object) {
      return scope.append(async (db): Promise<UploadCompletion> => {
        let upload = db.selectFrom('s3_uploads').select('upload_id').where('upload_id', '=', uploadId);
        if (scope.kind === 'postgres') upload = upload.forUpdate();
        if ((await upload.executeTakeFirst()) === undefined) return { ok: false, reason: 'no-upload' };
        if (!(await bucketExists(db, scope, object.bucket))) return { ok: false, reason: 'no-bucket' };
        const parts = await db.selectFrom('s3_parts').select('blob').where('upload_id', '=', uploadId).execute();
        const partBlobs = new Set(parts.map((p) => p.blob));
        if (!object.blobs.every((b) => partBlobs.has(b.id))) return { ok: false, reason: 'parts-changed' };
        const used = new Set(object.blobs.map((b) => b.id));
        await db.deleteFrom('s3_parts').where('upload_id', '=', uploadId).execute();
        await db.deleteFrom('s3_uploads').where('upload_id', '=', uploadId).execute();
        let previous = db.selectFrom('s3_objects').select('blobs').where('bucket', '=', object.bucket).where('key', '=', object.key);
        if (scope.kind === 'postgres') previous = previous.forUpdate();
        const old = await previous.executeTakeFirst();
        await db.deleteFrom('s3_objects').where('bucket', '=', object.bucket).where('key', '=', object.key).execute();
        await db
          .insertInto('s3_objects')
          .values({
            bucket: object.bucket,
            key: object.key,
            size: object.size,
            etag: object.etag,
            last_modified: isoText(object.lastModified),
            content_type: object.contentType ?? null,
            headers: stringMapText(object.headers),
            metadata: stringMapText(object.metadata),
            tags: tagsText(object.tags),
            blobs: blobsText(object.blobs),
            checksum: checksumText(object.checksum),
            parts_count: object.partsCount ?? null,
            data: object.data ?? null,
            storage_class: object.storageClass,
          })
          .execute();
        return {
          ok: true,
          replaced: old === undefined ? [] : blobsOf('s3-object', old.blobs),
          unused: [...partBlobs].filter((b) => !used.has(b)),
        };
      });
    },
  };
}
