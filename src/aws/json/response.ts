// AWS JSON 1.1 responses: the output as a JSON object (timestamps in epoch seconds), and errors as
// `{"__type": "Code", "message": "..."}` with AWS's status and `x-amzn-ErrorType`, which botocore
// and the SDK v3 read for the error code.

import type { AwsError } from '../errors/index.ts';
import type { Shape, ShapeValue, StructureShape } from '../shape/index.ts';
import type { WireResponse } from '../wire-response.ts';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** A successful response; without an output shape the body is `{}`. */
export function jsonResponse<S extends StructureShape>(
  requestId: string,
  output?: { readonly shape: S; readonly value: ShapeValue<S> },
): WireResponse {
  const body = output === undefined ? '{}' : JSON.stringify(toJson(output.shape, output.value) ?? {});
  return { status: 200, headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId }, body };
}

/** An error response; the error's extra fields become members, its private detail is never sent. */
export function jsonErrorResponse(error: AwsError, requestId: string): WireResponse {
  const body = JSON.stringify({ __type: error.code, message: error.message, ...error.fields });
  return {
    status: error.status,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
    body,
  };
}

/** The JSON value of `value` under `shape`: members in shape order, absent members left out. */
export function toJson(shape: Shape, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      const record = value as Record<string, unknown>;
      for (const [name, member] of Object.entries(shape.members)) {
        const v = toJson(member, record[name]);
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => toJson(shape.member, v) ?? null) : undefined;
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toJson(shape.value, v) ?? null;
      return out;
    }
    case 'timestamp':
      return value instanceof Date ? value.getTime() / 1000 : undefined;
    case 'string':
      return String(value);
    case 'integer':
    case 'long':
      return typeof value === 'number' ? Math.trunc(value) : undefined;
    case 'boolean':
      return value === true;
    default: {
      const never: never = shape;
      return never;
    }
  }
}
