import { describe, expect, it } from 'vitest';
import { isStreaming, parsePayloadMode, payloadHashMismatch } from './payload-mode.ts';

describe('Amazon S3 "Common Request Headers": x-amz-content-sha256 values', () => {
  it.each([
    ['UNSIGNED-PAYLOAD', { kind: 'unsigned' }, false],
    ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', { kind: 'streaming-signed' }, true],
    ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', { kind: 'streaming-signed-trailer' }, true],
    ['STREAMING-UNSIGNED-PAYLOAD-TRAILER', { kind: 'streaming-unsigned-trailer' }, true],
    ['E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855', { kind: 'sha256', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }, false],
  ] as const)('%s', (value, mode, streaming) => {
    const parsed = parsePayloadMode(value);
    expect(parsed).toEqual(mode);
    if (parsed !== undefined) expect(isStreaming(parsed)).toBe(streaming);
  });

  it.each(['', 'unsigned-payload', 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD', 'abc', 'e3b0'])('%j is not accepted', (value) => {
    expect(parsePayloadMode(value)).toBeUndefined();
  });
});

describe('Amazon S3 "Error responses": XAmzContentSHA256Mismatch', () => {
  it('names both hashes', () => {
    const err = payloadHashMismatch('aa', 'bb');
    expect(err.code).toBe('XAmzContentSHA256Mismatch');
    expect(err.status).toBe(400);
    expect(err.fields).toEqual({ ClientComputedContentSHA256: 'aa', S3ComputedContentSHA256: 'bb' });
  });
});
