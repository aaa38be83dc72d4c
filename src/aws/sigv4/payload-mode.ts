// The payload of a signed request, as `x-amz-content-sha256` declares it (Amazon S3 API Reference,
// "Common Request Headers" and "Authenticating Requests (AWS Signature Version 4)": a hex SHA-256,
// UNSIGNED-PAYLOAD, or one of the aws-chunked streaming modes).

import { awsError, type AwsError } from '../errors/index.ts';

/** How the body of a verified request is to be checked. */
export type PayloadMode =
  /** The body must hash to this hex SHA-256 (the S3 layer compares: XAmzContentSHA256Mismatch). */
  | { readonly kind: 'sha256'; readonly sha256: string }
  /** `UNSIGNED-PAYLOAD`: the body is not covered by the signature. */
  | { readonly kind: 'unsigned' }
  /** `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`: aws-chunked with a signature per chunk. */
  | { readonly kind: 'streaming-signed' }
  /** `STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER`: signed chunks and a signed trailer. */
  | { readonly kind: 'streaming-signed-trailer' }
  /** `STREAMING-UNSIGNED-PAYLOAD-TRAILER`: unsigned chunks and a trailer (checksum). */
  | { readonly kind: 'streaming-unsigned-trailer' };

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_SIGNED = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
export const STREAMING_SIGNED_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** Reads an `x-amz-content-sha256` value; undefined when it is none of the accepted forms. */
export function parsePayloadMode(value: string): PayloadMode | undefined {
  switch (value) {
    case UNSIGNED_PAYLOAD:
      return { kind: 'unsigned' };
    case STREAMING_SIGNED:
      return { kind: 'streaming-signed' };
    case STREAMING_SIGNED_TRAILER:
      return { kind: 'streaming-signed-trailer' };
    case STREAMING_UNSIGNED_TRAILER:
      return { kind: 'streaming-unsigned-trailer' };
    default:
      return HEX_SHA256.test(value) ? { kind: 'sha256', sha256: value.toLowerCase() } : undefined;
  }
}

/** True for the aws-chunked modes, whose body must be decoded before use. */
export function isStreaming(mode: PayloadMode): boolean {
  switch (mode.kind) {
    case 'streaming-signed':
    case 'streaming-signed-trailer':
    case 'streaming-unsigned-trailer':
      return true;
    case 'sha256':
    case 'unsigned':
      return false;
    default: {
      const never: never = mode;
      return never;
    }
  }
}

/**
 * S3's refusal when the body does not hash to the signed `x-amz-content-sha256` (Amazon S3 API
 * Reference, "Error responses": XAmzContentSHA256Mismatch, naming both hashes).
 */
export function payloadHashMismatch(declared: string, computed: string): AwsError {
  return awsError('XAmzContentSHA256Mismatch', undefined, {
    fields: { ClientComputedContentSHA256: declared, S3ComputedContentSHA256: computed },
  });
}
