import { describe, expect, it } from 'vitest';
import type { ConstraintViolation } from '../errors/index.ts';
import { checkConstraints } from './constraints.ts';
import type { StringShape } from './shape.ts';

function violations(shape: StringShape, value: string): string[] {
  const out: ConstraintViolation[] = [];
  checkConstraints(shape, value, 'roleSessionName', out);
  return out.map((v) => v.constraint);
}

// AWS validates lengths as Java's String.codePointCount does (e.g. RoleSessionName, 2–64): a character
// outside the Basic Multilingual Plane (a surrogate pair in UTF-16) counts once.
describe('string length constraints count code points (AWS request validation)', () => {
  const shape: StringShape = { type: 'string', min: 2, max: 4 };

  it('a surrogate pair is one character: four emoji fit a maximum of 4', () => {
    expect(violations(shape, '😀😀😀😀')).toEqual([]);
    expect(violations(shape, '😀😀😀😀😀')).toEqual(['Member must have length less than or equal to 4']);
  });

  it('one emoji is one character, under a minimum of 2; a lone surrogate still counts as one', () => {
    expect(violations(shape, '😀')).toEqual(['Member must have length greater than or equal to 2']);
    expect(violations(shape, '\ud800a')).toEqual([]);
    expect(violations(shape, 'a\udc00\ud800b😀')).toEqual(['Member must have length less than or equal to 4']);
  });
});
