export {
  decodeAwsChunked,
  type AwsChunkedBody,
  type AwsChunkedMode,
  type AwsChunkedOptions,
  type TrailingChecksum,
} from './decode.ts';
export { canonicalTrailer, chunkSignature, trailerSignature } from './chunk-signature.ts';
export { chunkedOptionsFor } from './options-from-request.ts';
