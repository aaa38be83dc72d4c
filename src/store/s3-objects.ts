import type { Insertable, Selectable } from 'kysely';
import { dateOf, isoText, tagsOf, tagsText, type Tag } from './column-codecs.ts';
import { blobsOf, blobsText, checksumOf, checksumText, sizeOf, stringMapOf, stringMapText, type BlobRef, type ObjectChecksum } from './s3-codecs.ts';
import { prefixUpperBound } from './s3-key-range.ts';
import type { S3ObjectsTable } from './s3-schema.ts';
import type { Scope } from './scope.ts';

/** An object's metadata, as listings return it. */
export interface S3ObjectSummary {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  /** The entity tag without quotes: MD5 hex, or `md5-of-md5s-N` for multipart objects. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly checksum: ObjectChecksum | undefined;
}

/** An object: its metadata, and where its bytes are. */
export interface S3Object extends S3ObjectSummary {
  readonly contentType: string | undefined;
  /** Stored representation headers by lower-case name (content-encoding, cache-control, ...). */
  readonly headers: Readonly<Record<string, string>>;
  /** User metadata (`x-amz-meta-` names without the prefix, lower-case). */
  readonly metadata: Readonly<Record<string, string>>;
  readonly tags: readonly Tag[];
  /** The files holding the bytes, in order; empty for objects held in `data`. */
  readonly blobs: readonly BlobRef[];
  readonly partsCount: number | undefined;
  /** The bytes of a small object kept in its row. */
  readonly data: Uint8Array | undefined;
}

/** Which keys of a bucket a listing page reads, in UTF-8 byte order. */
export interface S3ObjectRange {
  /** Only keys starting with this. */
  readonly prefix?: string;
  /** Only keys after this one. */
  readonly after?: string;
  /** Only keys past every key that starts with this (a common prefix already rolled up). */
  readonly skipping?: string;
  readonly limit: number;
}

/**
 * Objects. Object writes are not versioned (no snapshot is built from them) and run in batches:
 * `put` writes many objects in one transaction, so that concurrent uploads share one commit.
 */
export interface S3ObjectsRepo {
  get(bucket: string, key: string): Promise<S3Object | undefined>;
  list(bucket: string, range: S3ObjectRange): Promise<S3ObjectSummary[]>;
  /**
   * Creates or replaces each object, in order, in one transaction. For each: the files of the
   * version it replaced (empty when there was none), or undefined when its bucket no longer exists.
   */
  put(objects: readonly S3Object[]): Promise<(readonly BlobRef[] | undefined)[]>;
  /** Deletes an object; returns it (its files are the caller's to remove), or undefined. */
  delete(bucket: string, key: string): Promise<S3Object | undefined>;
  /** Replaces an object's tags; false when it does not exist. */
  setTags(bucket: string, key: string, tags: readonly Tag[]): Promise<boolean>;
}

const SUMMARY_COLUMNS = ['bucket', 'key', 'size', 'etag', 'last_modified', 'checksum'] as const;

function summaryOf(row: Pick<Selectable<S3ObjectsTable>, (typeof SUMMARY_COLUMNS)[number]>): S3ObjectSummary {
  return {
    bucket: row.bucket,
    key: row.key,
    size: sizeOf('s3-object', row.size),
    etag: row.etag,
    lastModified: dateOf('s3-object', row.last_modified),
    checksum: checksumOf('s3-object', row.checksum),
  };
}

function objectOf(row: Selectable<S3ObjectsTable>): S3Object {
  return {
    ...summaryOf(row),
    contentType: row.content_type ?? undefined,
    headers: stringMapOf('s3-object', row.headers),
    metadata: stringMapOf('s3-object', row.metadata),
    tags: tagsOf('s3-object', row.tags),
    blobs: blobsOf('s3-object', row.blobs),
    partsCount: row.parts_count ?? undefined,
    data: row.data === null ? undefined : row.data,
  };
}

function rowOf(o: S3Object): Insertable<S3ObjectsTable> & { size: number } {
  return {
    bucket: o.bucket,
    key: o.key,
    size: o.size,
    etag: o.etag,
    last_modified: isoText(o.lastModified),
    content_type: o.contentType ?? null,
    headers: stringMapText(o.headers),
    metadata: stringMapText(o.metadata),
    tags: tagsText(o.tags),
    blobs: blobsText(o.blobs),
    checksum: checksumText(o.checksum),
    parts_count: o.partsCount ?? null,
    data: o.data ?? null,
  };
}

/** The objects repository over a scope. */
export function s3ObjectsRepo(scope: Scope): S3ObjectsRepo {
  return {
    async get(bucket, key) {
      const row = await scope.db.selectFrom('s3_objects').selectAll().where('bucket', '=', bucket).where('key', '=', key).executeTakeFirst();
      return row === undefined ? undefined : objectOf(row);
    },

    async list(bucket, range) {
      let query = scope.db.selectFrom('s3_objects').select(SUMMARY_COLUMNS).where('bucket', '=', bucket);
      if (range.prefix !== undefined && range.prefix !== '') {
        query = query.where('key', '>=', range.prefix);
        const end = prefixUpperBound(range.prefix);
        if (end !== undefined) query = query.where('key', '<', end);
      }
      if (range.after !== undefined) query = query.where('key', '>', range.after);
      if (range.skipping !== undefined) {
        const past = prefixUpperBound(range.skipping);
        // Nothing sorts after a prefix of U+10FFFF characters but keys that start with it.
        if (past === undefined) return [];
        query = query.where('key', '>=', past);
      }
      const rows = await query.orderBy('key').limit(range.limit).execute();
      return rows.map(summaryOf);
    },

    put(objects) {
      return scope.append(async (db) => {
        const out: (readonly BlobRef[] | undefined)[] = [];
        const buckets = new Map<string, boolean>();
        for (const o of objects) {
          let exists = buckets.get(o.bucket);
          if (exists === undefined) {
            let q = db.selectFrom('s3_buckets').select('name').where('name', '=', o.bucket);
            if (scope.kind === 'postgres') q = q.forShare();
            exists = (await q.executeTakeFirst()) !== undefined;
            buckets.set(o.bucket, exists);
          }
          if (!exists) {
            out.push(undefined);
            continue;
          }
          let previous = db.selectFrom('s3_objects').select('blobs').where('bucket', '=', o.bucket).where('key', '=', o.key);
          if (scope.kind === 'postgres') previous = previous.forUpdate();
          const old = await previous.executeTakeFirst();
          const row = rowOf(o);
          await db
            .insertInto('s3_objects')
            .values(row)
            .onConflict((oc) =>
              oc.columns(['bucket', 'key']).doUpdateSet({
                size: row.size,
                etag: row.etag,
                last_modified: row.last_modified,
                content_type: row.content_type,
                headers: row.headers,
                metadata: row.metadata,
                tags: row.tags,
                blobs: row.blobs,
                checksum: row.checksum,
                parts_count: row.parts_count,
                data: row.data,
              }),
            )
            .execute();
          out.push(old === undefined ? [] : blobsOf('s3-object', old.blobs));
        }
        return out;
      });
    },

    delete(bucket, key) {
      return scope.append(async (db) => {
        const row = await db.deleteFrom('s3_objects').where('bucket', '=', bucket).where('key', '=', key).returningAll().executeTakeFirst();
        return row === undefined ? undefined : objectOf(row);
      });
    },

    setTags(bucket, key, tags) {
      return scope.append(async (db) => {
        const result = await db
          .updateTable('s3_objects')
          .set({ tags: tagsText(tags) })
          .where('bucket', '=', bucket)
          .where('key', '=', key)
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      });
    },
  };
}
