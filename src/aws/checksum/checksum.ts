// The flexible checksums of S3 (Amazon S3 User Guide, "Checking object integrity"): CRC32, CRC32C,
// CRC64NVME, SHA1, SHA256, sent base64-encoded in `x-amz-checksum-<algorithm>` headers or trailers.
// CRC32 uses node:zlib's crc32 (Node >= 22.2); CRC32C and CRC64NVME are computed by hand.

import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { crc32c } from './crc32c.ts';
import { CRC64_START, crc64Bytes, crc64nvme, type Crc64 } from './crc64nvme.ts';

/** The checksum algorithms S3 accepts. */
export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';

export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'];

/** An incremental checksum. */
export interface Checksum {
  readonly algorithm: ChecksumAlgorithm;
  update(data: Uint8Array): void;
  /** The checksum as S3 writes it: base64 of the big-endian bytes. */
  digestBase64(): string;
}

/** Starts an incremental checksum of the algorithm. */
export function createChecksum(algorithm: ChecksumAlgorithm): Checksum {
  switch (algorithm) {
    case 'CRC32':
      return crcChecksum(algorithm, (data, prev) => crc32(data, prev));
    case 'CRC32C':
      return crcChecksum(algorithm, crc32c);
    case 'CRC64NVME': {
      let state: Crc64 = CRC64_START;
      return {
        algorithm,
        update: (data) => {
          state = crc64nvme(data, state);
        },
        digestBase64: () => crc64Bytes(state).toString('base64'),
      };
    }
    case 'SHA1':
      return hashChecksum(algorithm, createHash('sha1'));
    case 'SHA256':
      return hashChecksum(algorithm, createHash('sha256'));
    default: {
      const never: never = algorithm;
      return never;
    }
  }
}

function crcChecksum(algorithm: ChecksumAlgorithm, step: (data: Uint8Array, prev: number) => number): Checksum {
  let state = 0;
  return {
    algorithm,
    update: (data) => {
      state = step(data, state);
    },
    digestBase64: () => {
      const out = Buffer.alloc(4);
      out.writeUInt32BE(state >>> 0, 0);
      return out.toString('base64');
    },
  };
}

function hashChecksum(algorithm: ChecksumAlgorithm, hash: Hash): Checksum {
  return {
    algorithm,
    update: (data) => {
      hash.update(data);
    },
    digestBase64: () => hash.digest('base64'),
  };
}

/** The algorithm a `x-amz-checksum-<name>` header (any case) names, or undefined. */
export function checksumAlgorithmOfHeader(headerName: string): ChecksumAlgorithm | undefined {
  const lower = headerName.toLowerCase();
  if (!lower.startsWith('x-amz-checksum-')) return undefined;
  const name = lower.slice('x-amz-checksum-'.length).toUpperCase();
  return CHECKSUM_ALGORITHMS.find((a) => a === name);
}

/** The header that carries a checksum of the algorithm (`x-amz-checksum-crc32c`). */
export function checksumHeaderName(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}
