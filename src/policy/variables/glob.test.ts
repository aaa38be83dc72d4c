import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wildcardToRegExpSource } from '../wildcard.ts';
import { ANY_CHAR, ANY_RUN, compileGlob, matchGlob, pushPattern, splitArnTokens, type GlobToken } from './glob.ts';

function pattern(text: string): GlobToken[] {
  const out: GlobToken[] = [];
  pushPattern(out, text);
  return out;
}

describe('IAM JSON policy elements: Condition operators — StringLike wildcards (* any run, ? one character)', () => {
  const cases: [string, string, boolean][] = [
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['a*', 'abc', true],
    ['*c', 'abc', true],
    ['a*c', 'ac', true],
    ['a*c', 'abcbd', false],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['??', 'ab', true],
    ['*?', '', false],
    ['*a*a*a*a*b', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', false],
    ['x.y', 'xzy', false],
  ];
  for (const [glob, value, expected] of cases) {
    it(`${JSON.stringify(glob)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(value)}`, () => {
      expect(matchGlob(pattern(glob), value)).toBe(expected);
      expect(compileGlob(pattern(glob))(value)).toBe(expected);
    });
  }

  it('merges consecutive stars and literal text', () => {
    expect(pattern('a**b?')).toEqual<GlobToken[]>(['a', ANY_RUN, 'b', ANY_CHAR]);
  });

  it('matchGlob and compileGlob agree with a regular expression for any pattern and value', () => {
    const text = fc.stringMatching(/^[ab*?.]{0,8}$/);
    fc.assert(
      fc.property(text, fc.stringMatching(/^[ab.]{0,10}$/), (glob, value) => {
        const expected = new RegExp(`^${wildcardToRegExpSource(glob)}$`, 's').test(value);
        expect(matchGlob(pattern(glob), value)).toBe(expected);
        expect(compileGlob(pattern(glob))(value)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('a literal token containing * matches only the character *', () => {
    expect(matchGlob(['a*', ANY_RUN], 'a*bc')).toBe(true);
    expect(matchGlob(['a*', ANY_RUN], 'abc')).toBe(false);
    expect(compileGlob(['a*b'])('a*b')).toBe(true);
    expect(compileGlob(['x', ANY_CHAR, '(*)'])('xy(*)')).toBe(true);
  });
});

describe('IAM JSON policy elements: Condition operators — ARN components are checked separately', () => {
  it('splits a pattern into six components, the sixth keeping its colons', () => {
    expect(splitArnTokens(pattern('arn:aws:logs:*:*:log-group:a:*'))).toEqual<GlobToken[][]>([
      ['arn'],
      ['aws'],
      ['logs'],
      [ANY_RUN],
      [ANY_RUN],
      ['log-group:a:', ANY_RUN],
    ]);
  });

  it('keeps empty components', () => {
    expect(splitArnTokens(pattern('arn:aws:s3:::b'))).toEqual<GlobToken[][]>([['arn'], ['aws'], ['s3'], [], [], ['b']]);
  });

  it('refuses fewer than six components', () => {
    expect(splitArnTokens(pattern('arn:aws:s3:b'))).toBeUndefined();
    expect(splitArnTokens(pattern('*'))).toBeUndefined();
  });
});
