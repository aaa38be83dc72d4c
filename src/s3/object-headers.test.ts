// Amazon S3 User Guide, "Working with object metadata": user-defined metadata (x-amz-meta-*) is at
// most 2 KB, "the sum of the number of bytes in the UTF-8 encoding of each key and value"; more is
// 400 MetadataTooLarge with the Size and MaxSizeAllowed fields.
import { describe, expect, it } from 'vitest';
import { isAwsError } from '../aws/index.ts';
import { DEFAULT_CONTENT_TYPE, storedHeaders } from './object-headers.ts';

function refusal(run: () => unknown) {
  try {
    run();
  } catch (err) {
    if (isAwsError(err)) return { code: err.code, status: err.status, fields: err.fields };
    throw err;
  }
  return undefined;
}

describe('storedHeaders: user metadata (Working with object metadata)', () => {
  it('keeps x-amz-meta-* under their names without the prefix, and the default Content-Type', () => {
    const stored = storedHeaders({ 'x-amz-meta-owner': 'team-a', 'content-encoding': 'aws-chunked,gzip' });
    expect(stored).toEqual({ contentType: DEFAULT_CONTENT_TYPE, headers: { 'content-encoding': 'gzip' }, metadata: { owner: 'team-a' } });
  });

  it('2,048 bytes of keys and values are allowed', () => {
    // key "k" (1 byte) + value of 2,047 bytes.
    expect(refusal(() => storedHeaders({ 'x-amz-meta-k': 'v'.repeat(2047) }))).toBeUndefined();
  });

  it('2,049 bytes is MetadataTooLarge, counted in UTF-8 bytes over every key and value', () => {
    // "é" is two bytes in UTF-8: 1 + 1 + 2 × 1,023 + 1 = 2,049.
    expect(refusal(() => storedHeaders({ 'x-amz-meta-a': 'x', 'x-amz-meta-b': 'é'.repeat(1023) }))).toEqual({
      code: 'MetadataTooLarge',
      status: 400,
      fields: { Size: '2049', MaxSizeAllowed: '2048' },
    });
  });
});
