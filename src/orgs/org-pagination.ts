// NextToken/MaxResults pagination of Organizations' List operations (Organizations API Reference,
// "ListAccounts": "MaxResults ... NextToken"): pages of at most MaxResults (1–20, 20 when absent), and
// a NextToken exactly when more remain. A token this service did not issue is InvalidInputException.
import { invalidNextToken } from './org-errors.ts';

/** The page size when MaxResults is absent. */
export const DEFAULT_MAX_RESULTS = 20;

/** A page of an in-memory list; the token is the offset, tied to the listing it came from. */
export function pageOf<T>(items: readonly T[], listing: string, request: { NextToken?: string | undefined; MaxResults?: number | undefined }): { items: T[]; nextToken: string | undefined } {
  const max = request.MaxResults ?? DEFAULT_MAX_RESULTS;
  let start = 0;
  if (request.NextToken !== undefined) start = decodeToken(listing, request.NextToken);
  const end = start + max;
  return { items: items.slice(start, end), nextToken: end < items.length ? encodeToken(listing, end) : undefined };
}

function encodeToken(listing: string, offset: number): string {
  return Buffer.from(JSON.stringify([listing, offset]), 'utf8').toString('base64url');
}

function decodeToken(listing: string, token: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidNextToken();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || parsed[0] !== listing) throw invalidNextToken();
  const offset: unknown = parsed[1];
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw invalidNextToken();
  return offset;
}
