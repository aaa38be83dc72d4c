// One page of ListMultipartUploads (Amazon S3 API Reference, "ListMultipartUploads"): uploads by key,
// then by initiation time, after key-marker (and, for that key, after upload-id-marker); with a
// delimiter, keys whose rest contains it roll up into CommonPrefixes, each counting once against
// max-uploads.
import type { S3Upload, S3UploadRange } from '../store/index.ts';
import { compareKeys } from './object-listing.ts';

/** Reads uploads of the bucket (the uploads repository's `list`). */
export type UploadReader = (range: S3UploadRange) => Promise<S3Upload[]>;

export interface UploadListingRequest {
  readonly prefix: string;
  readonly delimiter: string | undefined;
  readonly maxUploads: number;
  readonly keyMarker: string | undefined;
  readonly uploadIdMarker: string | undefined;
}

export interface UploadListingPage {
  readonly uploads: readonly S3Upload[];
  readonly commonPrefixes: readonly string[];
  readonly truncated: boolean;
  /** NextKeyMarker and NextUploadIdMarker. */
  readonly nextKeyMarker: string | undefined;
  readonly nextUploadIdMarker: string | undefined;
}

const BATCH = 1000;

/** Lists one page. */
export async function listUploadsPage(read: UploadReader, request: UploadListingRequest): Promise<UploadListingPage> {
  const { prefix, delimiter, maxUploads } = request;
  const uploads: S3Upload[] = [];
  const commonPrefixes: string[] = [];
  let keyMarker = request.keyMarker;
  let uploadIdMarker = request.keyMarker === undefined ? undefined : request.uploadIdMarker;
  let skipping: string | undefined;
  let next: { key: string | undefined; uploadId: string | undefined } = { key: undefined, uploadId: undefined };
  const page = (truncated: boolean): UploadListingPage => ({
    uploads,
    commonPrefixes,
    truncated,
    nextKeyMarker: next.key,
    nextUploadIdMarker: next.uploadId,
  });
  if (maxUploads <= 0) return page(false);
  for (;;) {
    const wanted = Math.min(BATCH, maxUploads - uploads.length - commonPrefixes.length + 1);
    const batch = await read({
      prefix,
      ...(keyMarker !== undefined ? { keyMarker } : {}),
      ...(uploadIdMarker !== undefined ? { uploadIdMarker } : {}),
      ...(skipping !== undefined ? { skipping } : {}),
      limit: wanted,
    });
    let refetch = false;
    for (const u of batch) {
      const rest = u.key.slice(prefix.length);
      const at = delimiter === undefined || delimiter === '' ? -1 : rest.indexOf(delimiter);
      if (at >= 0 && delimiter !== undefined) {
        const common = prefix + rest.slice(0, at + delimiter.length);
        skipping = common;
        refetch = true;
        if (request.keyMarker !== undefined && compareKeys(common, request.keyMarker) <= 0) break;
        if (uploads.length + commonPrefixes.length === maxUploads) return page(true);
        commonPrefixes.push(common);
        next = { key: common, uploadId: undefined };
        break;
      }
      if (uploads.length + commonPrefixes.length === maxUploads) return page(true);
      uploads.push(u);
      next = { key: u.key, uploadId: u.uploadId };
      keyMarker = u.key;
      uploadIdMarker = u.uploadId;
    }
    if (!refetch && batch.length < wanted) return page(false);
  }
}
