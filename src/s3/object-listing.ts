// One page of a bucket listing (Amazon S3 API Reference, "ListObjectsV2" and "ListObjects"): keys in
// UTF-8 binary order after the marker, only those under the prefix; with a delimiter, every key whose
// rest (after the prefix) contains it is rolled up into one CommonPrefix (prefix through the first
// delimiter), which counts once against max-keys. A CommonPrefix at or before the marker has been
// returned already and is skipped with all its keys. Reads the store a batch at a time, skipping
// whole rolled-up prefixes in one step.
import type { S3ObjectRange, S3ObjectSummary } from '../store/index.ts';

/** Reads keys of the bucket (the objects repository's `list`). */
export type KeyReader = (range: S3ObjectRange) => Promise<S3ObjectSummary[]>;

/** What a page asks. */
export interface ListingRequest {
  readonly prefix: string;
  readonly delimiter: string | undefined;
  readonly maxKeys: number;
  /** The marker, StartAfter or continuation point: only keys after it. */
  readonly after: string | undefined;
}

/** One page. */
export interface ListingPage {
  readonly contents: readonly S3ObjectSummary[];
  readonly commonPrefixes: readonly string[];
  readonly truncated: boolean;
  /** The last key or CommonPrefix of the page (NextMarker, the continuation point). */
  readonly last: string | undefined;
}

const BATCH = 1000;

/** Compares two keys in UTF-8 byte order (JavaScript's `<` compares UTF-16 code units). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Lists one page. */
export async function listPage(read: KeyReader, request: ListingRequest): Promise<ListingPage> {
  const { prefix, delimiter, maxKeys } = request;
  const contents: S3ObjectSummary[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let after = request.after;
  let skipping: string | undefined;
  if (maxKeys <= 0) return { contents, commonPrefixes, truncated: false, last };
  for (;;) {
    const wanted = Math.min(BATCH, maxKeys - contents.length - commonPrefixes.length + 1);
    const batch = await read({ prefix, ...(after !== undefined ? { after } : {}), ...(skipping !== undefined ? { skipping } : {}), limit: wanted });
    let refetch = false;
    for (const o of batch) {
      const rest = o.key.slice(prefix.length);
      const at = delimiter === undefined || delimiter === '' ? -1 : rest.indexOf(delimiter);
      if (at >= 0 && delimiter !== undefined) {
        const common = prefix + rest.slice(0, at + delimiter.length);
        skipping = common;
        refetch = true;
        if (request.after !== undefined && compareKeys(common, request.after) <= 0) break;
        if (contents.length + commonPrefixes.length === maxKeys) return { contents, commonPrefixes, truncated: true, last };
        commonPrefixes.push(common);
        last = common;
        break;
      }
      if (contents.length + commonPrefixes.length === maxKeys) return { contents, commonPrefixes, truncated: true, last };
      contents.push(o);
      last = o.key;
      after = o.key;
    }
    if (!refetch && batch.length < wanted) return { contents, commonPrefixes, truncated: false, last };
  }
}
