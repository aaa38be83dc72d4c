// The flexible-checksum request headers as S3 reads them before any data (Amazon S3 User Guide,
// "Checking object integrity"; API Reference, "PutObject": x-amz-checksum-crc32 is "the Base64
// encoded, 32-bit CRC32 checksum of the object", and so on): a value that is not the base64 of a
// digest of the algorithm's size is InvalidRequest "Value for x-amz-checksum-<algorithm> header is
// invalid." (not BadDigest: nothing was compared), and `x-amz-sdk-checksum-algorithm` must name a
// supported algorithm, the one of the checksum header when there is one.
import type { IncomingHttpHeaders } from 'node:http';
import { awsError, CHECKSUM_ALGORITHMS, type AwsError, type ChecksumAlgorithm } from '../aws/index.ts';

const DIGEST_BYTES: Readonly<Record<ChecksumAlgorithm, number>> = { CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32 };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** InvalidRequest unless `value` is the base64 of a digest of `algorithm`'s size. */
export function checkChecksumValue(algorithm: ChecksumAlgorithm, value: string): AwsError | undefined {
  const size = DIGEST_BYTES[algorithm];
  const valid = value.length === 4 * Math.ceil(size / 3) && BASE64.test(value) && Buffer.from(value, 'base64').length === size;
  return valid ? undefined : awsError('InvalidRequest', `Value for x-amz-checksum-${algorithm.toLowerCase()} header is invalid.`);
}

/** InvalidRequest when `x-amz-sdk-checksum-algorithm` names no algorithm, or another than the checksum header's. */
export function checkSdkChecksumAlgorithm(headers: IncomingHttpHeaders, headerAlgorithm: ChecksumAlgorithm | undefined): AwsError | undefined {
  const raw = headers['x-amz-sdk-checksum-algorithm'];
  const named = (Array.isArray(raw) ? raw[0] : raw)?.trim().toUpperCase();
  if (named === undefined) return undefined;
  const known = CHECKSUM_ALGORITHMS.find((a) => a === named);
  if (known === undefined || (headerAlgorithm !== undefined && headerAlgorithm !== known)) {
    return awsError('InvalidRequest', 'Value for x-amz-sdk-checksum-algorithm header is invalid.');
  }
  return undefined;
}
