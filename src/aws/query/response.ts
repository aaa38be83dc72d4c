// The Query protocol's response envelopes (IAM and STS API References, e.g. "GetCallerIdentity":
// Response Elements; "Common Errors"):
//   <{Action}Response xmlns="{namespace}"><{Action}Result>...</{Action}Result>
//     <ResponseMetadata><RequestId>...</RequestId></ResponseMetadata></{Action}Response>
//   <ErrorResponse xmlns="{namespace}"><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>

import type { AwsError } from '../errors/index.ts';
import type { ShapeValue, StructureShape } from '../shape/index.ts';
import type { WireResponse } from '../wire-response.ts';
import type { QueryService } from './query-service.ts';
import { writeMembers } from './serialize-xml.ts';
import { xmlEscape } from './xml-escape.ts';

const XML_HEADERS = { 'content-type': 'text/xml' } as const;

/**
 * A successful response. Without an output shape (DeleteRole, TagRole, ...) there is no Result
 * element, as AWS sends it.
 */
export function queryResponse<S extends StructureShape>(
  service: QueryService,
  action: string,
  requestId: string,
  output?: { readonly shape: S; readonly value: ShapeValue<S> },
): WireResponse {
  const result = output === undefined ? '' : `<${action}Result>${writeMembers(output.shape, output.value)}</${action}Result>`;
  const body =
    `<${action}Response xmlns="${xmlEscape(service.namespace)}">` +
    result +
    `<ResponseMetadata><RequestId>${xmlEscape(requestId)}</RequestId></ResponseMetadata>` +
    `</${action}Response>`;
  return { status: 200, headers: { ...XML_HEADERS, 'x-amzn-requestid': requestId }, body };
}

/** An error response with AWS's status; the error's private detail is never written. */
export function queryErrorResponse(service: QueryService, error: AwsError, requestId: string): WireResponse {
  const body =
    `<ErrorResponse xmlns="${xmlEscape(service.namespace)}">` +
    `<Error><Type>${error.type}</Type><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message></Error>` +
    `<RequestId>${xmlEscape(requestId)}</RequestId>` +
    `</ErrorResponse>`;
  return { status: error.status, headers: { ...XML_HEADERS, 'x-amzn-requestid': requestId }, body };
}
