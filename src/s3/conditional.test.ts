import { describe, expect, it } from 'vitest';
import { etagListMatches, evaluatePreconditions } from './conditional.ts';

const etag = '7eb4401f59a8d97932d235be977f9d7c';
const modified = new Date('2024-05-01T12:00:00.500Z');
const before = 'Wed, 01 May 2024 11:00:00 GMT';
const same = 'Wed, 01 May 2024 12:00:00 GMT';
const after = 'Wed, 01 May 2024 13:00:00 GMT';

describe('Conditional GetObject (Amazon S3 API Reference, "GetObject": If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since)', () => {
  it('If-Match with the ETag (quoted or not, in a list, or *) proceeds; another ETag fails with 412', () => {
    expect(evaluatePreconditions({ ifMatch: `"${etag}"` }, etag, modified)).toBe('proceed');
    expect(evaluatePreconditions({ ifMatch: `"x", "${etag}"` }, etag, modified)).toBe('proceed');
    expect(evaluatePreconditions({ ifMatch: '*' }, etag, modified)).toBe('proceed');
    expect(evaluatePreconditions({ ifMatch: '"other"' }, etag, modified)).toBe('failed');
  });

  it('If-None-Match with the ETag is 304 Not Modified', () => {
    expect(evaluatePreconditions({ ifNoneMatch: `"${etag}"` }, etag, modified)).toBe('not-modified');
    expect(evaluatePreconditions({ ifNoneMatch: '"other"' }, etag, modified)).toBe('proceed');
  });

  it('If-Modified-Since: 304 unless modified after the date (to the second); If-Unmodified-Since: 412 if modified after', () => {
    expect(evaluatePreconditions({ ifModifiedSince: before }, etag, modified)).toBe('proceed');
    expect(evaluatePreconditions({ ifModifiedSince: same }, etag, modified)).toBe('not-modified');
    expect(evaluatePreconditions({ ifUnmodifiedSince: before }, etag, modified)).toBe('failed');
    expect(evaluatePreconditions({ ifUnmodifiedSince: same }, etag, modified)).toBe('proceed');
    expect(evaluatePreconditions({ ifUnmodifiedSince: 'not a date' }, etag, modified)).toBe('proceed');
  });

  it('If-Match true and If-Unmodified-Since false: 200 (If-Match decides)', () => {
    expect(evaluatePreconditions({ ifMatch: `"${etag}"`, ifUnmodifiedSince: before }, etag, modified)).toBe('proceed');
  });

  it('If-None-Match false and If-Modified-Since true: 304 (If-None-Match decides)', () => {
    expect(evaluatePreconditions({ ifNoneMatch: `"${etag}"`, ifModifiedSince: before }, etag, modified)).toBe('not-modified');
    expect(evaluatePreconditions({ ifNoneMatch: '"other"', ifModifiedSince: after }, etag, modified)).toBe('proceed');
  });

  it('weak tags compare by their value', () => {
    expect(etagListMatches(`W/"${etag}"`, etag)).toBe(true);
  });
});
