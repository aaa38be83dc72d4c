import { describe, expect, it } from 'vitest';
import { byteRange } from './range.ts';

describe('GetObject Range (Amazon S3 API Reference, "GetObject": one byte range; RFC 9110 §14.1.2)', () => {
  it('first-last, first- and -suffix ranges, the end clipped to the object', () => {
    expect(byteRange('bytes=0-4', 11)).toEqual({ kind: 'partial', start: 0, end: 4 });
    expect(byteRange('bytes=6-', 11)).toEqual({ kind: 'partial', start: 6, end: 10 });
    expect(byteRange('bytes=-3', 11)).toEqual({ kind: 'partial', start: 8, end: 10 });
    expect(byteRange('bytes=5-1000', 11)).toEqual({ kind: 'partial', start: 5, end: 10 });
    expect(byteRange('bytes=-100', 11)).toEqual({ kind: 'partial', start: 0, end: 10 });
  });

  it('a range starting at or past the end, a zero suffix, and any range of an empty object are unsatisfiable (416)', () => {
    expect(byteRange('bytes=11-', 11)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=20-30', 11)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=-0', 11)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('no header, an unreadable one, several ranges or last < first give the whole object', () => {
    expect(byteRange(undefined, 11)).toEqual({ kind: 'whole' });
    expect(byteRange('items=0-4', 11)).toEqual({ kind: 'whole' });
    expect(byteRange('bytes=0-1,4-5', 11)).toEqual({ kind: 'whole' });
    expect(byteRange('bytes=5-2', 11)).toEqual({ kind: 'whole' });
    expect(byteRange('bytes=-', 11)).toEqual({ kind: 'whole' });
  });
});
