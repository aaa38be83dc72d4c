// IAM pagination (IAM API Reference, "Using pagination"; each List* action's Marker/MaxItems): at most
// MaxItems results (default 100, 1-1000), IsTruncated, and an opaque Marker to continue from. Store
// listings page in the database; lists built in memory (tags, versions, simulation results) page here.
import { awsError } from '../aws/index.ts';
import { StoreInvalidMarker, type Page, type PageRequest } from '../store/index.ts';
import { MARKER, MAX_ITEMS } from './shapes/common.ts';

/** The request members of every paginated operation. */
export const PAGE_INPUT = { Marker: MARKER, MaxItems: MAX_ITEMS } as const;

const DEFAULT_MAX_ITEMS = 100;

/** The page a request asks for. */
export function pageRequest(input: { readonly Marker?: string | undefined; readonly MaxItems?: number | undefined }): PageRequest {
  return { marker: input.Marker, maxItems: input.MaxItems ?? DEFAULT_MAX_ITEMS };
}

function invalidMarker(): Error {
  return awsError('InvalidInput', 'Invalid Marker.');
}

/** A store page, or the error for a marker the store did not issue. */
export function storePage<T>(page: Page<T> | StoreInvalidMarker): Page<T> {
  if (page instanceof StoreInvalidMarker) throw invalidMarker();
  return page;
}

/** `IsTruncated` and `Marker` of a response. */
export function pageMembers(page: Page<unknown>): { IsTruncated: boolean; Marker?: string } {
  return page.marker === undefined ? { IsTruncated: false } : { IsTruncated: true, Marker: page.marker };
}

/** Pages a list held in memory; the marker names the listing and the position. */
export function pageOf<T>(listing: string, items: readonly T[], request: PageRequest): Page<T> {
  let start = 0;
  if (request.marker !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(request.marker, 'base64url').toString('utf8'));
    } catch {
      throw invalidMarker();
    }
    if (!Array.isArray(parsed) || parsed[0] !== listing || typeof parsed[1] !== 'number' || !Number.isInteger(parsed[1]) || parsed[1] < 0) {
      throw invalidMarker();
    }
    start = parsed[1];
  }
  const end = start + request.maxItems;
  return {
    items: items.slice(start, end),
    marker: end < items.length ? Buffer.from(JSON.stringify([listing, end]), 'utf8').toString('base64url') : undefined,
  };
}

/** Every item of a store listing, page by page (for listings filtered or combined in memory). */
export async function allPages<T>(fetch: (request: PageRequest) => Promise<Page<T> | StoreInvalidMarker>): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  do {
    const page = storePage(await fetch({ marker, maxItems: 1000 }));
    out.push(...page.items);
    marker = page.marker;
  } while (marker !== undefined);
  return out;
}
