import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checksumAlgorithmOfHeader, checksumMismatch, createChecksum, type ChecksumAlgorithm } from './index.ts';

const CHECK = Buffer.from('123456789');

function base64OfHex(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

describe('Amazon S3 User Guide "Checking object integrity": checksum algorithms (catalogue check values of "123456789")', () => {
  it.each([
    ['CRC32', base64OfHex('cbf43926')],
    ['CRC32C', base64OfHex('e3069283')],
    ['CRC64NVME', base64OfHex('ae8b14860a799888')],
    ['SHA1', createHash('sha1').update(CHECK).digest('base64')],
    ['SHA256', createHash('sha256').update(CHECK).digest('base64')],
  ] as [ChecksumAlgorithm, string][])('%s', (algorithm, expected) => {
    const c = createChecksum(algorithm);
    c.update(CHECK);
    expect(c.digestBase64()).toBe(expected);
  });

  it.each(['CRC32', 'CRC32C', 'CRC64NVME', 'SHA256'] as ChecksumAlgorithm[])('%s is the same fed in pieces as at once', (algorithm) => {
    const data = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 7919) & 0xff));
    const whole = createChecksum(algorithm);
    whole.update(data);
    const pieces = createChecksum(algorithm);
    for (let i = 0; i < data.length; i += 333) pieces.update(data.subarray(i, i + 333));
    expect(pieces.digestBase64()).toBe(whole.digestBase64());
  });

  it('the empty input: CRC32C is AAAAAA==, CRC64NVME all zero', () => {
    expect(createChecksum('CRC32C').digestBase64()).toBe('AAAAAA==');
    expect(createChecksum('CRC64NVME').digestBase64()).toBe('AAAAAAAAAAA=');
  });

  it('header names map to algorithms', () => {
    expect(checksumAlgorithmOfHeader('x-amz-checksum-crc32c')).toBe('CRC32C');
    expect(checksumAlgorithmOfHeader('X-Amz-Checksum-CRC64NVME')).toBe('CRC64NVME');
    expect(checksumAlgorithmOfHeader('x-amz-checksum-md5')).toBeUndefined();
    expect(checksumAlgorithmOfHeader('content-md5')).toBeUndefined();
  });

  it('a mismatch is BadDigest naming the algorithm', () => {
    const err = checksumMismatch('CRC32', 'AAAAAA==', 'yZRlqg==');
    expect(err.code).toBe('BadDigest');
    expect(err.status).toBe(400);
    expect(err.message).toBe('The CRC32 you specified did not match the calculated checksum.');
  });
});
