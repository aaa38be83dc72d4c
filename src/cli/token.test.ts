// `podiam token --duration`: seconds, or a Go duration as `kubectl create token --duration` takes it.
import { describe, expect, it } from 'vitest';
import { durationSeconds } from './token.ts';

describe('durationSeconds', () => {
  it.each([
    ['3600', 3600],
    ['600s', 600],
    ['1h', 3600],
    ['90m', 5400],
    ['1h30m', 5400],
    ['2h0m10s', 7210],
  ])('%s -> %d', (text, seconds) => {
    expect(durationSeconds(text)).toBe(seconds);
  });
  it.each(['', 'an hour', '1d', '-5', '1.5h'])('refuses %j', (text) => {
    expect(durationSeconds(text)).toBeUndefined();
  });
});
