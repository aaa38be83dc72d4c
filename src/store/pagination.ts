// IAM-style pagination: a caller asks for at most MaxItems and gets back an opaque Marker when
// more remain (IAM API Reference, "ListRoles": "IsTruncated … Marker"). The store pages by a
// stable key (the lower-cased name for IAM entities, which is unique per account), so a page
// boundary never skips or repeats an entity even when others are created or deleted between
// calls. The marker is that key, encoded; nothing else about it is promised.

/** One request for a page. `maxItems` is checked by the service (IAM: 1–1000). */
export interface PageRequest {
  readonly marker?: string | undefined;
  readonly maxItems: number;
}

/** One page; `marker` is present exactly when more items remain (IAM's IsTruncated). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly marker: string | undefined;
}

/** A marker the store did not issue (or one from another listing). */
export class StoreInvalidMarker {
  readonly code = 'StoreInvalidMarker';
  readonly marker: string;

  constructor(marker: string) {
    this.marker = marker;
  }
}

/** Encodes a page position: the sort key of the last item returned. */
export function encodeMarker(listing: string, key: readonly string[]): string {
  return Buffer.from(JSON.stringify([listing, ...key]), 'utf8').toString('base64url');
}

/** Decodes a marker issued by `encodeMarker` for the same listing and key width. */
export function decodeMarker(listing: string, width: number, marker: string): string[] | StoreInvalidMarker {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'));
  } catch {
    return new StoreInvalidMarker(marker);
  }
  if (!Array.isArray(parsed) || parsed.length !== width + 1 || parsed[0] !== listing) return new StoreInvalidMarker(marker);
  const key = parsed.slice(1);
  if (!key.every((k): k is string => typeof k === 'string')) return new StoreInvalidMarker(marker);
  return key;
}

/**
 * Builds a page from rows fetched with `limit maxItems + 1`: the extra row only tells that more
 * remain, and the marker is the key of the last row returned.
 */
export function toPage<R, T>(
  listing: string,
  rows: readonly R[],
  maxItems: number,
  keyOf: (row: R) => readonly string[],
  toItem: (row: R) => T,
): Page<T> {
  const truncated = rows.length > maxItems;
  const kept = truncated ? rows.slice(0, maxItems) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map(toItem),
    marker: truncated && last !== undefined ? encodeMarker(listing, keyOf(last)) : undefined,
  };
}
