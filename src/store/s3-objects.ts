import { CompiledQuery, type Insertable, type Selectable } from 'kysely';
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
  /** The object's storage class as S3 names it (`STANDARD` unless its write named another). */
  readonly storageClass: string;
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

const SUMMARY_COLUMNS = ['bucket', 'key', 'size', 'etag', 'last_modified', 'checksum', 'storage_class'] as const;

function summaryOf(row: Pick<Selectable<S3ObjectsTable>, (typeof SUMMARY_COLUMNS)[number]>): S3ObjectSummary {
  return {
    bucket: row.bucket,
    key: row.key,
    size: sizeOf('s3-object', row.size),
    etag: row.etag,
    lastModified: dateOf('s3-object', row.last_modified),
    checksum: checksumOf('s3-object', row.checksum),
    storageClass: row.storage_class,
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
    storage_class: o.storageClass,
  };
}

const OBJECT_COLUMNS = [
  'bucket',
  'key',
  'size',
  'etag',
  'last_modified',
  'content_type',
  'headers',
  'metadata',
  'tags',
  'blobs',
  'checksum',
  'parts_count',
  'data',
  'storage_class',
] as const satisfies readonly (keyof S3ObjectsTable)[];

// The statements of the hot paths (GetObject's look-up, PutObject's upsert), written once per dialect
// instead of built and compiled by the query builder on every call.
function statements(kind: 'sqlite' | 'postgres') {
  const p = (i: number) => (kind === 'postgres' ? `$${i}` : '?');
  const lock = kind === 'postgres' ? ' for update' : '';
  const columns = OBJECT_COLUMNS.map((c) => `"${c}"`).join(', ');
  const updates = OBJECT_COLUMNS.filter((c) => c !== 'bucket' && c !== 'key')
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(', ');
  return {
    get: `select * from s3_objects where bucket = ${p(1)} and "key" = ${p(2)}`,
    bucket: `select name from s3_buckets where name = ${p(1)}${kind === 'postgres' ? ' for share' : ''}`,
    previous: `select blobs from s3_objects where bucket = ${p(1)} and "key" = ${p(2)}${lock}`,
    upsert:
      `insert into s3_objects (${columns}) values (${OBJECT_COLUMNS.map((_, i) => p(i + 1)).join(', ')}) ` +
      `on conflict (bucket, "key") do update set ${updates}`,
  };
}

/** The objects repository over a scope. */
export function s3ObjectsRepo(scope: Scope): S3ObjectsRepo {
  // GetObject's look-up is the hot path of every read: one precompiled statement, not a query built
  // and compiled on each call (a third of the look-up's cost).
  const sqlOf = statements(scope.kind);
  return {
    async get(bucket, key) {
      const result = await scope.db.executeQuery<Selectable<S3ObjectsTable>>(CompiledQuery.raw(sqlOf.get, [bucket, key]));
      const row = result.rows[0];
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
            const found = await db.executeQuery<{ name: string }>(CompiledQuery.raw(sqlOf.bucket, [o.bucket]));
            exists = found.rows.length > 0;
            buckets.set(o.bucket, exists);
          }
          if (!exists) {
            out.push(undefined);
            continue;
          }
          const old = await db.executeQuery<{ blobs: string }>(CompiledQuery.raw(sqlOf.previous, [o.bucket, o.key]));
          const row = rowOf(o);
          await db.executeQuery(CompiledQuery.raw(sqlOf.upsert, OBJECT_COLUMNS.map((c) => row[c] ?? null)));
          const previous = old.rows[0];
          out.push(previous === undefined ? [] : blobsOf('s3-object', previous.blobs));
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
