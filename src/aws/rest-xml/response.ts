// S3's REST-XML bodies (Amazon S3 API Reference, each action's "Response Syntax"; "Error
// responses"): an XML declaration, a root element in S3's namespace holding the output members
// (timestamps with milliseconds), and errors as <Error><Code/><Message/>...<RequestId/><HostId/></Error>.

import type { AwsError } from '../errors/index.ts';
import { writeMembers, xmlEscape } from '../query/index.ts';
import type { ShapeValue, StructureShape } from '../shape/index.ts';
import type { WireResponse } from '../wire-response.ts';

/** S3's XML namespace. */
export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Request identification S3 returns on every response (x-amz-request-id, x-amz-id-2). */
export interface S3RequestIds {
  readonly requestId: string;
  readonly hostId: string;
}

function idHeaders(ids: S3RequestIds): Record<string, string> {
  return { 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId };
}

/** A successful XML body under `rootName` (e.g. `ListBucketResult`, `CompleteMultipartUploadResult`). */
export function restXmlResponse<S extends StructureShape>(
  rootName: string,
  shape: S,
  value: ShapeValue<S>,
  ids: S3RequestIds,
  extraHeaders: Readonly<Record<string, string>> = {},
): WireResponse {
  const body = `${DECLARATION}<${rootName} xmlns="${S3_NAMESPACE}">${writeMembers(shape, value, 'millis')}</${rootName}>`;
  return { status: 200, headers: { 'content-type': 'application/xml', ...idHeaders(ids), ...extraHeaders }, body };
}

/**
 * An S3 error: Code, Message, the error's public fields (BucketName, Key, RequestTime, ...), the
 * Resource when given, RequestId and HostId. The private detail is never written. A HEAD response
 * must send the status and headers only: pass `head: true`.
 */
export function s3ErrorResponse(
  error: AwsError,
  ids: S3RequestIds,
  options: { readonly resource?: string; readonly head?: boolean } = {},
): WireResponse {
  let fields = '';
  for (const [name, value] of Object.entries(error.fields)) {
    if (/^[A-Za-z][\w.-]*$/.test(name)) fields += `<${name}>${xmlEscape(value)}</${name}>`;
  }
  const resource = options.resource === undefined ? '' : `<Resource>${xmlEscape(options.resource)}</Resource>`;
  const body =
    `${DECLARATION}<Error><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message>` +
    fields +
    resource +
    `<RequestId>${xmlEscape(ids.requestId)}</RequestId><HostId>${xmlEscape(ids.hostId)}</HostId></Error>`;
  return {
    status: error.status,
    headers: { 'content-type': 'application/xml', ...idHeaders(ids) },
    body: options.head === true ? '' : body,
  };
}
