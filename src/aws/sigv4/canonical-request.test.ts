import { describe, expect, it } from 'vitest';
import { canonicalHeaderValue, canonicalQuery, canonicalUri, splitQuery } from './canonical-request.ts';
import { uriEncode } from './uri-encode.ts';

describe('AWS General Reference "Create a canonical request": URI encoding', () => {
  it('leaves only A-Z a-z 0-9 - _ . ~ unescaped, escapes in upper case, space as %20', () => {
    expect(uriEncode("a b+c/~!*'()ü")).toBe('a%20b%2Bc%2F~%21%2A%27%28%29%C3%BC');
  });
});

describe('AWS General Reference "Create a canonical request": CanonicalURI', () => {
  it.each([
    ['', '/'],
    ['/', '/'],
    ['//example//', '/example/'],
    ['/a/./b/../c', '/a/c'],
    ['/a%20b', '/a%2520b'],
    ['/example space/', '/example%20space/'],
    ['/\u1234', '/%E1%88%B4'],
    ['/a%2Fb', '/a%252Fb'],
  ])('non-S3 %j signs as %j (normalised, encoded again)', (raw, canonical) => {
    expect(canonicalUri(raw, false)).toBe(canonical);
  });

  it.each([
    ['/bucket/a%20b', '/bucket/a%20b'],
    ['/bucket//double//slash/', '/bucket//double//slash/'],
    ['/bucket/./dot/../seg', '/bucket/./dot/../seg'],
    ['/bucket/%7euser%2fx', '/bucket/~user%2Fx'],
    ['/bucket/\u00fc', '/bucket/%C3%BC'],
    ['/bucket/a+b', '/bucket/a%2Bb'],
  ])('S3 %j signs as %j (not normalised, not double-encoded)', (raw, canonical) => {
    expect(canonicalUri(raw, true)).toBe(canonical);
  });

  it('S3 refuses a broken escape', () => {
    expect(canonicalUri('/bucket/%zz', true)).toEqual({
      fault: 'illegal-hex',
      message: 'Illegal hex character in escape % pattern: %zz',
    });
    expect(canonicalUri('/bucket/%4', true)).toMatchObject({ fault: 'incomplete-escape' });
  });
});

describe('AWS General Reference "Create a canonical request": CanonicalQueryString', () => {
  const q = (raw: string) => canonicalQuery(splitQuery(raw));

  it('sorts by name, then by value, keeps duplicates and empty values', () => {
    expect(q('b=2&a=2&a=1&c&d=')).toBe('a=1&a=2&b=2&c=&d=');
  });

  it('sorts names by code point, not by the joined "name=value" text', () => {
    expect(q('a-b=1&a=2')).toBe('a=2&a-b=1');
  });

  it('re-encodes names and values: %7E as ~, lower-case escapes upper, + as a space', () => {
    expect(q('k=%7e%2f&s=a+b')).toBe('k=~%2F&s=a%20b');
  });

  it('leaves X-Amz-Signature out', () => {
    expect(q('X-Amz-Signature=abc&X-Amz-Date=1')).toBe('X-Amz-Date=1');
  });
});

describe('AWS General Reference "Create a canonical request": CanonicalHeaders values', () => {
  it('trims and collapses sequential spaces', () => {
    expect(canonicalHeaderValue('  a   b \t c  ')).toBe('a b c');
  });
  it('joins repeated headers with commas, in arrival order', () => {
    expect(canonicalHeaderValue(['value2', ' value2 ', 'value1'])).toBe('value2,value2,value1');
  });
});
