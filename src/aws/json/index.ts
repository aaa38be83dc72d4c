export { parseJsonRequest, type JsonRequest, type RawJsonRequest } from './parse-request.ts';
export { decodeJsonInput } from './decode-input.ts';
export { jsonErrorResponse, jsonResponse, toJson } from './response.ts';
export { ORGANIZATIONS_TARGET_PREFIX } from './json-service.ts';
