// Column conversions shared by the S3 entity files: 64-bit sizes, string maps (metadata, headers),
// blob lists and checksums.
import { StoreDataError, type StoreEntity } from './conflict.ts';
import { objectOf, objectText } from './column-codecs.ts';
import type { JsonText } from './schema.ts';

/** A file holding (part of) an object's bytes. */
export interface BlobRef {
  /** The file's name under the data directory's blob store. */
  readonly id: string;
  readonly size: number;
}

/** An object's (or part's) flexible checksum (Amazon S3 User Guide, "Checking object integrity"). */
export interface ObjectChecksum {
  /** `CRC32`, `CRC32C`, `CRC64NVME`, `SHA1` or `SHA256`. */
  readonly algorithm: string;
  /** Base64, as S3 writes it; composite checksums end in `-N`. */
  readonly value: string;
  readonly type: 'FULL_OBJECT' | 'COMPOSITE';
}

/** Reads a 64-bit size (pg returns int8 as text). */
export function sizeOf(entity: StoreEntity, value: number | string | bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new StoreDataError(entity, `size ${String(value)}`);
  return n;
}

/** Writes a string-to-string map. */
export function stringMapText(map: Readonly<Record<string, string>>): JsonText {
  return objectText(map);
}

/** Reads a map written by `stringMapText`. */
export function stringMapOf(entity: StoreEntity, text: JsonText): Record<string, string> {
  const o = objectOf(entity, text);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v !== 'string') throw new StoreDataError(entity, 'expected a map of strings');
    out[k] = v;
  }
  return out;
}

/** Writes a blob list. */
export function blobsText(blobs: readonly BlobRef[]): JsonText {
  return JSON.stringify(blobs.map((b) => ({ id: b.id, size: b.size })));
}

/** Reads a blob list written by `blobsText`. */
export function blobsOf(entity: StoreEntity, text: JsonText): BlobRef[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StoreDataError(entity, 'blob list does not parse');
  }
  if (!Array.isArray(parsed)) throw new StoreDataError(entity, 'blob list');
  return parsed.map((b: unknown) => {
    if (typeof b !== 'object' || b === null || !('id' in b) || !('size' in b)) throw new StoreDataError(entity, 'blob');
    const { id, size } = b;
    if (typeof id !== 'string' || typeof size !== 'number') throw new StoreDataError(entity, 'blob');
    return { id, size };
  });
}

/** Writes a checksum (NULL when there is none). */
export function checksumText(checksum: ObjectChecksum | undefined): JsonText | null {
  return checksum === undefined ? null : objectText({ algorithm: checksum.algorithm, value: checksum.value, type: checksum.type });
}

/** Reads a checksum written by `checksumText`. */
export function checksumOf(entity: StoreEntity, text: JsonText | null): ObjectChecksum | undefined {
  if (text === null) return undefined;
  const o = objectOf(entity, text);
  const { algorithm, value, type } = o;
  if (typeof algorithm !== 'string' || typeof value !== 'string' || (type !== 'FULL_OBJECT' && type !== 'COMPOSITE')) {
    throw new StoreDataError(entity, 'checksum');
  }
  return { algorithm, value, type };
}
