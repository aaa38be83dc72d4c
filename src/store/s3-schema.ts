// The S3 tables as Kysely sees them (conventions in schema.ts). Sizes are 64-bit integers, which
// pg returns as strings and node:sqlite as numbers; the entity files read them with `sizeOf`.
import type { ColumnType } from 'kysely';
import type { IsoText, JsonText } from './schema.ts';

/** A 64-bit integer column: written as a number, read as whatever the driver returns. */
export type Int64 = ColumnType<number | string | bigint, number, number>;

export interface S3BucketsTable {
  name: string;
  account_id: string;
  region: string;
  created_at: IsoText;
  tags: JsonText;
  /** The bucket policy as the owner put it, byte for byte. */
  policy: string | null;
  public_access_block: JsonText | null;
  /** `{ "<principal ARN>": "<unique ID>" }` the policy's role and user principals were saved as; NULL: none. */
  policy_principal_ids: JsonText | null;
}

export interface S3ObjectsTable {
  bucket: string;
  key: string;
  size: Int64;
  etag: string;
  last_modified: IsoText;
  content_type: string | null;
  /** Content-Encoding, Content-Disposition, Cache-Control, Expires, Content-Language. */
  headers: JsonText;
  /** `x-amz-meta-*` user metadata, names lower-cased. */
  metadata: JsonText;
  tags: JsonText;
  /** The files holding the bytes, in order: `[{id, size}]`; empty when `data` holds them. */
  blobs: JsonText;
  checksum: JsonText | null;
  parts_count: number | null;
  /** The bytes of a small object. */
  data: Uint8Array | null;
  /** STANDARD, STANDARD_IA, GLACIER, ... (migration 0006). */
  storage_class: string;
}

export interface S3UploadsTable {
  upload_id: string;
  bucket: string;
  key: string;
  initiated: IsoText;
  /** Who initiated the upload: `{id, arn}`. */
  initiator: JsonText;
  content_type: string | null;
  headers: JsonText;
  metadata: JsonText;
  tags: JsonText;
  checksum_algorithm: string | null;
  /** The class the completed object gets (migration 0006). */
  storage_class: string;
}

export interface S3PartsTable {
  upload_id: string;
  part_number: number;
  size: Int64;
  etag: string;
  last_modified: IsoText;
  blob: string;
  checksum: JsonText | null;
}

/** The S3 tables of the store's database. */
export interface S3Tables {
  s3_buckets: S3BucketsTable;
  s3_objects: S3ObjectsTable;
  s3_uploads: S3UploadsTable;
  s3_parts: S3PartsTable;
}
