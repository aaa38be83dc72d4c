// S3's answer when a flexible checksum does not match the data (Amazon S3 User Guide, "Checking
// object integrity"): BadDigest, "The CRC32 you specified did not match the calculated checksum."

import { awsError, type AwsError } from '../errors/index.ts';
import type { ChecksumAlgorithm } from './checksum.ts';

/** The BadDigest error for a checksum that did not match. */
export function checksumMismatch(algorithm: ChecksumAlgorithm, expected: string, actual: string): AwsError {
  return awsError('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, {
    detail: `expected ${expected}, computed ${actual}`,
  });
}
