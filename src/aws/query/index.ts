export { parseQueryRequest, unknownAction, type QueryParams, type QueryRequest, type RawQueryRequest } from './parse-request.ts';
export { decodeQueryInput, missingParameter } from './decode-input.ts';
export { queryErrorResponse, queryResponse } from './response.ts';
export { formatXmlTimestamp, writeElement, writeMembers, type XmlTimestampStyle } from './serialize-xml.ts';
export { xmlEscape } from './xml-escape.ts';
export { decodePolicyDocument, encodePolicyDocument } from './policy-document.ts';
export { IAM_SERVICE, STS_SERVICE, type QueryService } from './query-service.ts';
