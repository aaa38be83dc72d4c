// podiam's AWS wire-protocol layer: errors, SigV4 verification (and aws-chunked bodies), the Query
// and JSON 1.1 codecs, shapes, S3 checksums and typed ARNs. Pure: no sockets, no store.

export * from './errors/index.ts';
export * from './sigv4/index.ts';
export * from './sigv4/chunked/index.ts';
export * from './checksum/index.ts';
export * from './shape/index.ts';
export * from './query/index.ts';
export * from './json/index.ts';
export * from './rest-xml/index.ts';
export * from './arn/index.ts';
export type { WireResponse } from './wire-response.ts';
export { isAwsRegion } from './regions/aws-regions.ts';
