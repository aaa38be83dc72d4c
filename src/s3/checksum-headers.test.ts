import { describe, expect, it } from 'vitest';
import { checkChecksumValue, checkSdkChecksumAlgorithm } from './checksum-headers.ts';

describe('flexible-checksum headers are checksums of their algorithm (Amazon S3 User Guide, "Checking object integrity"; API Reference, "PutObject")', () => {
  it('the base64 of a digest of the right size passes, whatever its value', () => {
    expect(checkChecksumValue('CRC32', 'DUoRhQ==')).toBeUndefined();
    expect(checkChecksumValue('CRC32C', 'AAAAAA==')).toBeUndefined();
    expect(checkChecksumValue('CRC64NVME', 'A1YvHSwVa80=')).toBeUndefined();
    expect(checkChecksumValue('SHA1', 'IvWkXnwxoBfhk86RtMkoIX4A8zs=')).toBeUndefined();
    expect(checkChecksumValue('SHA256', 'idBBa4YMGywgrEVM8tyM/jTvRx3h6c6HXtkgyh1xiuY=')).toBeUndefined();
  });

  it('anything else is InvalidRequest naming the header', () => {
    for (const [algorithm, value] of [
      ['CRC32', 'notvalid!'],
      ['CRC32', 'AAAAAAAA'],
      ['CRC32', ''],
      ['SHA256', 'DUoRhQ=='],
      ['CRC64NVME', 'DUoRhQ=='],
    ] as const) {
      const e = checkChecksumValue(algorithm, value);
      expect(e?.code).toBe('InvalidRequest');
      expect(e?.message).toBe(`Value for x-amz-checksum-${algorithm.toLowerCase()} header is invalid.`);
    }
  });

  it('x-amz-sdk-checksum-algorithm names a supported algorithm, the checksum header\'s when there is one', () => {
    expect(checkSdkChecksumAlgorithm({}, undefined)).toBeUndefined();
    expect(checkSdkChecksumAlgorithm({ 'x-amz-sdk-checksum-algorithm': 'crc32' }, 'CRC32')).toBeUndefined();
    expect(checkSdkChecksumAlgorithm({ 'x-amz-sdk-checksum-algorithm': 'CRC64NVME' }, undefined)).toBeUndefined();
    expect(checkSdkChecksumAlgorithm({ 'x-amz-sdk-checksum-algorithm': 'MD5' }, undefined)?.message).toBe('Value for x-amz-sdk-checksum-algorithm header is invalid.');
    expect(checkSdkChecksumAlgorithm({ 'x-amz-sdk-checksum-algorithm': 'CRC32' }, 'CRC32C')?.code).toBe('InvalidRequest');
  });
});
