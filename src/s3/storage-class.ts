// Storage classes (Amazon S3 User Guide, "Understanding and managing Amazon S3 storage classes";
// API Reference, "PutObject", "CopyObject", "CreateMultipartUpload": x-amz-storage-class, "By
// default, Amazon S3 uses the STANDARD Storage Class"). podiam keeps every object's bytes the same
// way; the class is what S3 answers about the object (HeadObject, GetObject and the listings) and
// what it lets a client do with it: an object in S3 Glacier Flexible Retrieval (GLACIER) or Deep
// Archive must be restored before its bytes can be read ("GetObject": "Otherwise, this operation
// returns an InvalidObjectState error"), and RestoreObject is not implemented here.
import type { IncomingHttpHeaders } from 'node:http';
import { awsError } from '../aws/index.ts';

/** The classes a general purpose bucket takes (OUTPOSTS, SNOW, EXPRESS_ONEZONE and FSX_OPENZFS belong to other kinds of storage). */
export const STORAGE_CLASSES = ['STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER', 'DEEP_ARCHIVE', 'GLACIER_IR'] as const;

/** A storage class of a general purpose bucket. */
export type StorageClass = (typeof STORAGE_CLASSES)[number];

const ARCHIVED: ReadonlySet<string> = new Set(['GLACIER', 'DEEP_ARCHIVE']);

function isStorageClass(text: string): text is StorageClass {
  return (STORAGE_CLASSES as readonly string[]).includes(text);
}

/** The class a write names: undefined without the header; InvalidStorageClass for a class S3 does not know. */
export function requestedStorageClass(headers: IncomingHttpHeaders): StorageClass | undefined {
  const raw = headers['x-amz-storage-class'];
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  if (value === undefined) return undefined;
  if (!isStorageClass(value)) throw awsError('InvalidStorageClass', undefined, { detail: `x-amz-storage-class: ${value}` });
  return value;
}

/** InvalidObjectState for an object whose class keeps its bytes archived (GetObject, CopyObject and UploadPartCopy sources). */
export function checkBytesReadable(object: { readonly storageClass: string }): void {
  if (ARCHIVED.has(object.storageClass)) {
    throw awsError('InvalidObjectState', "The operation is not valid for the object's storage class", { fields: { StorageClass: object.storageClass } });
  }
}

/** The x-amz-storage-class response header: sent for every class but STANDARD ("HeadObject"). */
export function storageClassHeader(storageClass: string): Record<string, string> {
  return storageClass === 'STANDARD' ? {} : { 'x-amz-storage-class': storageClass };
}
