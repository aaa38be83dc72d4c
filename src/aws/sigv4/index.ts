export { verifySigV4 } from './verify.ts';
export type {
  AnonymousRequest,
  ChunkSigningContext,
  CredentialLookup,
  CredentialScope,
  RefusedRequest,
  SigningSecret,
  SigV4Dialect,
  SigV4Request,
  SigV4Verification,
  VerifiedRequest,
  VerifyOptions,
} from './verification.ts';
export { DEFAULT_MAX_SKEW_MS } from './verification.ts';
export {
  isStreaming,
  parsePayloadMode,
  payloadHashMismatch,
  STREAMING_SIGNED,
  STREAMING_SIGNED_TRAILER,
  STREAMING_UNSIGNED_TRAILER,
  UNSIGNED_PAYLOAD,
  type PayloadMode,
} from './payload-mode.ts';
export { canonicalHeaderValue, canonicalQuery, canonicalRequest, canonicalUri, type HeaderBag } from './canonical-request.ts';
export { uriEncode } from './uri-encode.ts';
export { EMPTY_SHA256, sha256Hex, signingKey } from './signing-key.ts';
export { formatAmzDate, parseAmzDate } from './amz-date.ts';
export { tokenRefusal, type TokenFault } from './token-refusal.ts';
