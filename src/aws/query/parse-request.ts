// Reading a Query-protocol request (AWS General Reference / IAM API Reference, "Making Query
// requests"): `Action`, `Version` and the parameters, from a form-encoded POST body or from the
// query string of a GET. The SigV4 query parameters (X-Amz-*) are authentication, not input.

import { awsError, type AwsError } from '../errors/index.ts';

/** The flat parameters of a Query request (`Tags.member.1.Key` -> value), first value winning. */
export type QueryParams = ReadonlyMap<string, string>;

/** A parsed Query request. */
export interface QueryRequest {
  readonly action: string;
  readonly version: string | undefined;
  readonly params: QueryParams;
}

/** The raw request the parser needs. */
export interface RawQueryRequest {
  readonly method: string;
  /** `req.url`: path and query string. */
  readonly url: string;
  readonly contentType: string | undefined;
  readonly body: string | Uint8Array;
}

/** Parses Action, Version and parameters; refuses a request without an Action (MissingAction). */
export function parseQueryRequest(raw: RawQueryRequest): { ok: true; request: QueryRequest } | { ok: false; error: AwsError } {
  const params = new Map<string, string>();
  const q = raw.url.indexOf('?');
  if (q >= 0) addForm(params, raw.url.slice(q + 1));
  if (raw.method.toUpperCase() === 'POST' && isFormEncoded(raw.contentType)) {
    const body = typeof raw.body === 'string' ? raw.body : Buffer.from(raw.body).toString('utf8');
    // Body parameters take precedence over the query string.
    const fromBody = new Map<string, string>();
    addForm(fromBody, body);
    for (const [k, v] of fromBody) params.set(k, v);
  }
  const action = params.get('Action');
  if (action === undefined || action === '') {
    return { ok: false, error: awsError('MissingAction', 'Could not find operation for the request: no Action parameter.') };
  }
  const version = params.get('Version');
  params.delete('Action');
  params.delete('Version');
  return { ok: true, request: { action, version, params } };
}

function isFormEncoded(contentType: string | undefined): boolean {
  if (contentType === undefined) return true; // the CLI always sets it; old clients did not
  return contentType.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

function addForm(into: Map<string, string>, form: string): void {
  for (const [k, v] of new URLSearchParams(form)) {
    if (k.startsWith('X-Amz-')) continue;
    if (!into.has(k)) into.set(k, v);
  }
}

/** The error for an Action this service does not have (AWS: InvalidAction, 400). */
export function unknownAction(action: string, version: string | undefined): AwsError {
  return awsError('InvalidAction', `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`);
}
