// Conditional requests (Amazon S3 API Reference, "GetObject" and "HeadObject": If-Match,
// If-Unmodified-Since, If-None-Match, If-Modified-Since; RFC 9110 §13.2.2 for the order). If-Match
// decides over If-Unmodified-Since, If-None-Match over If-Modified-Since: "If both of the
// If-Match and If-Unmodified-Since headers are present ... condition evaluates to true, and;
// If-Unmodified-Since condition evaluates to false; then, S3 returns 200 OK"; likewise 304 when
// If-None-Match is false and If-Modified-Since true. Dates compare at the second, as Last-Modified
// is sent; a date that does not parse is ignored.

/** The conditional headers of a request. */
export interface Preconditions {
  readonly ifMatch?: string | undefined;
  readonly ifNoneMatch?: string | undefined;
  readonly ifModifiedSince?: string | undefined;
  readonly ifUnmodifiedSince?: string | undefined;
}

/** The outcome: go on, 412 PreconditionFailed, or 304 Not Modified. */
export type PreconditionOutcome = 'proceed' | 'failed' | 'not-modified';

/** True when an If-Match/If-None-Match list names the entity tag (or is `*`). */
export function etagListMatches(list: string, etag: string): boolean {
  for (const item of list.split(',')) {
    const t = item.trim();
    if (t === '*') return true;
    const bare = t.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
    if (bare === etag) return true;
  }
  return false;
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function httpDate(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Evaluates the preconditions against an object's ETag (without quotes) and Last-Modified. */
export function evaluatePreconditions(p: Preconditions, etag: string, lastModified: Date): PreconditionOutcome {
  if (p.ifMatch !== undefined) {
    if (!etagListMatches(p.ifMatch, etag)) return 'failed';
  } else {
    const since = httpDate(p.ifUnmodifiedSince);
    if (since !== undefined && seconds(lastModified) > seconds(since)) return 'failed';
  }
  if (p.ifNoneMatch !== undefined) {
    if (etagListMatches(p.ifNoneMatch, etag)) return 'not-modified';
  } else {
    const since = httpDate(p.ifModifiedSince);
    if (since !== undefined && seconds(lastModified) <= seconds(since)) return 'not-modified';
  }
  return 'proceed';
}
