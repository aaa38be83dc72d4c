// Reading an AWS JSON 1.1 request (the protocol of Organizations in every SDK: `awsJson1_1`):
// POST /, `Content-Type: application/x-amz-json-1.1`, `X-Amz-Target: {targetPrefix}.{Operation}`,
// and the input as a JSON object in the body (an empty body is an empty input).

import { awsError, type AwsError } from '../errors/index.ts';

/** A parsed JSON-protocol request. */
export interface JsonRequest {
  readonly operation: string;
  readonly input: unknown;
}

/** The raw request the parser needs. */
export interface RawJsonRequest {
  /** The `X-Amz-Target` header. */
  readonly target: string | undefined;
  readonly body: string | Uint8Array;
}

/** Parses the target and body; the target must carry the service's prefix. */
export function parseJsonRequest(
  raw: RawJsonRequest,
  targetPrefix: string,
): { ok: true; request: JsonRequest } | { ok: false; error: AwsError } {
  const target = raw.target?.trim() ?? '';
  const dot = target.lastIndexOf('.');
  if (dot < 0 || target.slice(0, dot) !== targetPrefix || dot === target.length - 1) {
    return { ok: false, error: awsError('UnknownOperationException', undefined) };
  }
  const text = typeof raw.body === 'string' ? raw.body : Buffer.from(raw.body).toString('utf8');
  let input: unknown = {};
  if (text.trim() !== '') {
    try {
      input = JSON.parse(text);
    } catch {
      return { ok: false, error: awsError('SerializationException', 'Start of structure or map found where not expected.') };
    }
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, error: awsError('SerializationException', 'Start of structure or map found where not expected.') };
  }
  return { ok: true, request: { operation: target.slice(dot + 1), input } };
}
