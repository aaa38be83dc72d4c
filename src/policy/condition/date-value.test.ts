import { describe, expect, it } from 'vitest';
import { readDate } from './date-value.ts';

const at = (iso: string) => Date.parse(iso);

describe('IAM JSON policy elements: Condition operators — Date condition operators: values', () => {
  it('reads ISO 8601 dates and times as instants', () => {
    expect(readDate('2020-01-01T00:00:01Z')).toBe(at('2020-01-01T00:00:01Z'));
    expect(readDate('2020-01-01')).toBe(at('2020-01-01T00:00:00Z'));
    expect(readDate('2020-06')).toBe(at('2020-06-01T00:00:00Z'));
    expect(readDate('2020-06-15T10:20')).toBe(at('2020-06-15T10:20:00Z'));
    expect(readDate('2020-06-15T10')).toBe(at('2020-06-15T10:00:00Z'));
    expect(readDate('2020-06-15T')).toBe(at('2020-06-15T00:00:00Z'));
    expect(readDate('2020-06-15T10:20:30.123Z')).toBe(at('2020-06-15T10:20:30.123Z'));
    expect(readDate('2016-12-13t2:00:00.593194+23')).toBeCloseTo(at('2016-12-12T03:00:00.593Z') + 0.194, 2);
  });

  it('applies offsets', () => {
    expect(readDate('2020-01-01T05:30:00+05:30')).toBe(at('2020-01-01T00:00:00Z'));
    expect(readDate('2020-01-01T00:00:00-0800')).toBe(at('2020-01-01T08:00:00Z'));
  });

  it('reads all digits as epoch seconds', () => {
    expect(readDate('0')).toBe(0);
    expect(readDate('1577836800')).toBe(at('2020-01-01T00:00:00Z'));
    expect(readDate('2020')).toBe(2_020_000);
  });

  it('reads years outside the JavaScript Date range', () => {
    expect(readDate('-0001-12-31')).toBe(at('-000001-12-31T00:00:00Z'));
    expect(readDate('0099-03-01')).toBe(at('0099-03-01T00:00:00Z'));
    expect(readDate('300000-01-01')).toBeGreaterThan(readDate('275000-01-01'));
    expect(readDate('-292275054')).toBeLessThan(readDate('-1000-01-01'));
  });

  it('refuses what is not a date', () => {
    for (const text of ['', 'yesterday', '234-13', '2020-02-30', '2021-02-29', '2020-01-01T24:00:00Z', '2020-01-01T10:60Z', '2020-01-01T10:00:00+24', '20200101T000000Z', '2020-01-01 10:00:00Z', '9223372036854775808', '1e9', '2020-01-01T10:00:00.1234567890Z']) {
      expect(readDate(text), text).toBeNaN();
    }
  });
});
