import { describe, expect, it } from 'vitest';
import { isAwsError } from '../aws/index.ts';
import { copySourceRange, parseCopySource } from './copy-source.ts';

describe('x-amz-copy-source (Amazon S3 API Reference, "CopyObject" and "UploadPartCopy")', () => {
  it('bucket/key with or without a leading slash, URL-encoded, with an optional versionId', () => {
    expect(parseCopySource('/pics/a%20b/c%2Bd.jpg')).toEqual({ bucket: 'pics', key: 'a b/c+d.jpg', version: { kind: 'current' } });
    expect(parseCopySource('pics/k?versionId=null')).toEqual({ bucket: 'pics', key: 'k', version: { kind: 'null' } });
    expect(parseCopySource('pics/k?versionId=Yk2r4xr.XsxZ8lvqVFXkw6Ryn5aR3hDw')).toMatchObject({ version: { kind: 'missing' } });
  });

  it('no key, no bucket, a bad escape or a malformed versionId is InvalidArgument', () => {
    for (const bad of ['pics', 'pics/', '/k', '%E0%A4%A/k', 'pics/k?versionId=bad']) {
      const r = parseCopySource(bad);
      expect(isAwsError(r) && r.code, bad).toBe('InvalidArgument');
    }
  });
});

describe('x-amz-copy-source-range (Amazon S3 API Reference, "UploadPartCopy": bytes=first-last, zero-based, inclusive)', () => {
  it('absent: the whole source; present: the bytes it names', () => {
    expect(copySourceRange(undefined, 10)).toEqual({ start: 0, end: 9 });
    expect(copySourceRange('bytes=0-9', 10)).toEqual({ start: 0, end: 9 });
    expect(copySourceRange('bytes=3-3', 10)).toEqual({ start: 3, end: 3 });
  });

  it('a range that is not bytes=first-last is InvalidArgument naming the form', () => {
    for (const bad of ['bytes=3-', 'bytes=-3', 'bytes=5-4', '0-9', 'bytes=0-1,3-4', 'items=0-1']) {
      const r = copySourceRange(bad, 10);
      expect(isAwsError(r) && [r.code, r.status, r.fields['ArgumentName']], bad).toEqual(['InvalidArgument', 400, 'x-amz-copy-source-range']);
      expect(isAwsError(r) && r.message).toMatch(/^The x-amz-copy-source-range value must be of the form bytes=first-last/);
    }
  });

  it('a range past the source is InvalidArgument "Range specified is not valid for source object of size: N"', () => {
    const r = copySourceRange('bytes=5-10', 10);
    expect(isAwsError(r) && [r.code, r.message]).toEqual(['InvalidArgument', 'Range specified is not valid for source object of size: 10']);
  });
});
