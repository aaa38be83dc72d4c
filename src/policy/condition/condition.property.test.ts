// Property tests: any clause of a known operator and any request context give a decision — never an
// exception — and the decisions keep the documented invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConditionClause, PolicyVersion } from '../ast.ts';
import { RequestContext, type ContextValue } from '../context.ts';
import { BASE_OPERATORS, compileCondition, compileConditionBlock, parseOperator } from './index.ts';

const NEGATION: Readonly<Record<string, string>> = {
  StringEquals: 'StringNotEquals',
  StringEqualsIgnoreCase: 'StringNotEqualsIgnoreCase',
  StringLike: 'StringNotLike',
  NumericEquals: 'NumericNotEquals',
  DateEquals: 'DateNotEquals',
  IpAddress: 'NotIpAddress',
  ArnLike: 'ArnNotLike',
  ArnEquals: 'ArnNotEquals',
};

const keys = ['aws:username', 'aws:SourceIp', 'aws:CurrentTime', 'aws:TagKeys', 'aws:PrincipalTag/team', 's3:max-keys', 'k'];
const key = fc.constantFrom(...keys, ...keys.map((k) => k.toUpperCase()));
const valueText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '',
    '*',
    '?',
    'a*b?',
    '10',
    '-2.5',
    'true',
    'FALSE',
    '203.0.113.0/24',
    '203.0.113.7',
    '::ffff:203.0.113.7',
    '2001:db8::/32',
    '2020-01-01T00:00:00Z',
    '1577836800',
    'QUJD',
    'arn:aws:iam::111122223333:role/*',
    'arn:aws:s3:::b/${aws:username}',
    '${aws:username}',
    "${aws:PrincipalTag/team, 'none'}",
    '${*}${?}${$}',
    '${aws:TagKeys}',
    '${broken',
  ),
);
const operator = fc
  .tuple(fc.constantFrom(...BASE_OPERATORS), fc.constantFrom('', 'ForAllValues:', 'ForAnyValue:'), fc.boolean())
  .map(([base, qualifier, ifExists]) => `${qualifier}${base}${ifExists && base !== 'Null' ? 'IfExists' : ''}`);
const clause: fc.Arbitrary<ConditionClause> = fc.record({ operator, key, values: fc.array(valueText, { maxLength: 4 }) });
const contextValue: fc.Arbitrary<ContextValue> = fc.oneof(valueText, fc.array(valueText, { maxLength: 3 }));
const context = fc.dictionary(fc.constantFrom(...keys), contextValue, { maxKeys: 5 }).map((entries) => new RequestContext(entries));
const version: fc.Arbitrary<PolicyVersion | undefined> = fc.constantFrom('2012-10-17', '2008-10-17', undefined);

describe('IAM JSON policy elements: Condition operators — any clause and any request', () => {
  it('compile and evaluate without throwing, the same way each time', () => {
    fc.assert(
      fc.property(fc.array(clause, { maxLength: 4 }), version, context, context, (clauses, v, a, b) => {
        const block = compileConditionBlock(clauses, v);
        const first = block.test(a);
        // Interleave another request: per-value caches must not leak between requests.
        block.test(b);
        expect(block.test(a)).toBe(first);
        expect(compileConditionBlock(clauses, v).test(a)).toBe(first);
        expect(first).toBe(block.conditions.every((condition) => condition.test(a)));
        expect(block.firstFailing(a) === undefined).toBe(first);
      }),
      { numRuns: 3000 },
    );
  });

  it('an operator and its negation are never both true', () => {
    const positive = fc.constantFrom(...Object.keys(NEGATION));
    fc.assert(
      fc.property(positive, key, fc.array(valueText, { maxLength: 3 }), version, context, (base, k, values, v, ctx) => {
        const yes = compileCondition({ operator: base, key: k, values }, v).test(ctx);
        const no = compileCondition({ operator: NEGATION[base] ?? base, key: k, values }, v).test(ctx);
        expect(yes && no).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('absent keys: IfExists and ForAllValues are true, ForAnyValue false, negated true, others false', () => {
    fc.assert(
      fc.property(clause, version, (c, v) => {
        const spec = parseOperator(c.operator);
        if (spec === undefined) throw new Error(c.operator);
        const result = compileCondition(c, v).test(new RequestContext());
        let expected: boolean;
        if (spec.base === 'Null') expected = c.values.some((value) => value.toLowerCase() === 'true');
        else if (spec.ifExists || spec.qualifier === 'ForAllValues') expected = true;
        else if (spec.qualifier === 'ForAnyValue') expected = false;
        else expected = spec.negated;
        expect(result).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
