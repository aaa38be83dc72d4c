import { describe, expect, it } from 'vitest';
import { BASE_OPERATORS, allowsPolicyVariables, parseOperator, type OperatorSpec } from './operators.ts';

describe('IAM JSON policy elements: Condition operators — operator names', () => {
  it('reads every base operator', () => {
    for (const base of BASE_OPERATORS) expect(parseOperator(base)?.base).toBe(base);
  });

  it('reads the set qualifier and the IfExists suffix', () => {
    expect(parseOperator('ForAnyValue:StringLikeIfExists')).toEqual<OperatorSpec>({
      written: 'ForAnyValue:StringLikeIfExists',
      base: 'StringLike',
      family: 'String',
      qualifier: 'ForAnyValue',
      ifExists: true,
      negated: false,
    });
    expect(parseOperator('ForAllValues:ArnNotLike')).toMatchObject({ base: 'ArnNotLike', family: 'Arn', qualifier: 'ForAllValues', negated: true });
  });

  it('marks the negated operators', () => {
    const negated = BASE_OPERATORS.filter((base) => parseOperator(base)?.negated);
    expect(negated).toEqual([
      'StringNotEquals',
      'StringNotEqualsIgnoreCase',
      'StringNotLike',
      'NumericNotEquals',
      'DateNotEquals',
      'NotIpAddress',
      'ArnNotEquals',
      'ArnNotLike',
    ]);
  });

  it('names are case-sensitive: IAM refuses "stringEquals" ("Invalid Condition type : stringEquals")', () => {
    for (const name of ['stringEquals', 'STRINGEQUALS', 'forAnyValue:StringEquals', 'ForAllvalues:StringLike', 'StringEqualsIfexists', 'bool']) {
      expect(parseOperator(name), name).toBeUndefined();
    }
  });

  it('refuses unknown names, prefixes and suffixes', () => {
    for (const name of ['', 'Bogus', 'StringLikeIgnoreCase', 'ForSomeValues:StringLike', 'StringEqualsIfExistsIfExists', 'IfExists', 'ForAnyValue:']) {
      expect(parseOperator(name), name).toBeUndefined();
    }
  });

  it('"You can add IfExists to the end of any condition operator name except the Null condition"', () => {
    expect(parseOperator('NullIfExists')).toBeUndefined();
    expect(parseOperator('BinaryEqualsIfExists')?.ifExists).toBe(true);
  });
});

describe('IAM policy elements: Variables and tags — variables only with the string and ARN operators', () => {
  it('allows variables for the String and Arn families only', () => {
    const allowed = BASE_OPERATORS.filter((base) => {
      const spec = parseOperator(base);
      return spec !== undefined && allowsPolicyVariables(spec);
    });
    expect(allowed).toEqual(BASE_OPERATORS.filter((base) => base.startsWith('String') || base.startsWith('Arn')));
  });
});
