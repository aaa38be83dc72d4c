// Whatever arrives — any JSON value, any mutation of a valid policy, hostile shapes — parsePolicy answers
// with a policy or errors, never throws, and does so quickly. IAM User Guide, "Grammar of the IAM JSON
// policy language": a document is JSON; IAM refuses what it cannot read rather than failing.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolicyType } from '../ast.ts';
import { parsePolicy, type ParseResult } from './index.ts';

const POLICY_TYPES: readonly PolicyType[] = [
  'IDENTITY_POLICY',
  'RESOURCE_POLICY',
  'TRUST_POLICY',
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
  'SESSION_POLICY',
  'PERMISSIONS_BOUNDARY',
];
const policyType = fc.constantFrom(...POLICY_TYPES);

/** A result is well formed: a policy, or at least one error that names its code, message and rule. */
function expectWellFormed(result: ParseResult): void {
  if (result.ok) {
    expect(result.policy.statements.length).toBeGreaterThan(0);
    return;
  }
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    expect(typeof error.code).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
    expect(typeof error.issue).toBe('string');
  }
}

// Valid identity-policy statements, built from the grammar.
const action = fc.constantFrom('*', 's3:GetObject', 's3:*', 'ec2:Describe*', 'iam:PassRole', 'sts:AssumeRole');
const resource = fc.constantFrom('*', 'arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*', 'arn:aws:iam::123456789012:role/r', 'arn:aws:ec2:*:*:instance/*');
const stringOrList = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 4 }));
// Each operator with keys and values it accepts.
const OPERATOR_VALUES: Record<string, readonly string[]> = {
  StringEquals: ['a', '${aws:username}'],
  StringLike: ['home/*', ''],
  ArnLike: ['arn:aws:iam::123456789012:role/*'],
  NumericLessThan: ['10', '2.5'],
  Bool: ['true', 'false'],
  IpAddress: ['10.0.0.0/8', '2001:DB8::/32'],
  DateGreaterThan: ['2020-01-01T00:00:00Z', '1672531200'],
};
const condition = fc.uniqueArray(fc.constantFrom(...Object.keys(OPERATOR_VALUES)), { maxLength: 3 }).chain((operators) =>
  fc.record(
    Object.fromEntries(
      operators.map((operator) => [
        operator,
        fc.dictionary(fc.constantFrom('s3:prefix', 'ec2:InstanceType', 'aws:SecureTransport'), stringOrList(fc.constantFrom(...(OPERATOR_VALUES[operator] ?? ['x']))), {
          minKeys: 1,
          maxKeys: 2,
        }),
      ]),
    ),
  ),
);
const statement = fc.record(
  {
    Sid: fc.stringMatching(/^[A-Za-z0-9]{0,8}$/),
    Effect: fc.constantFrom('Allow', 'Deny'),
    Action: stringOrList(action),
    Resource: stringOrList(resource),
    Condition: condition,
  },
  { requiredKeys: ['Effect', 'Action', 'Resource'] },
);
const validIdentityPolicy = fc
  .record({
    Version: fc.constant('2012-10-17'),
    Statement: fc.oneof(statement, fc.array(statement, { minLength: 1, maxLength: 5 })),
  })
  .map((policy) => {
    // Sids must be unique; drop repeats.
    if (!Array.isArray(policy.Statement)) return policy;
    const seen = new Set<string>();
    const statements = policy.Statement.map((s) => {
      if (s.Sid === undefined || s.Sid === '' || !seen.has(s.Sid)) {
        if (s.Sid !== undefined) seen.add(s.Sid);
        return s;
      }
      const { Sid: _sid, ...rest } = s;
      return rest;
    });
    return { ...policy, Statement: statements };
  });

/** Replaces the value at a random path inside a JSON value. */
function mutate(value: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [step = 0, ...rest] = path;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const i = step % value.length;
    return value.map((item, j) => (j === i ? mutate(item, rest, replacement) : item));
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return replacement;
    const key = keys[step % keys.length] ?? '';
    return { ...(value as Record<string, unknown>), [key]: mutate((value as Record<string, unknown>)[key], rest, replacement) };
  }
  return replacement;
}

describe('IAM JSON policy grammar: any input gives a policy or errors', () => {
  it('gives a well-formed result for any JSON value, and the same for its JSON text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), policyType, (value, type) => {
        const fromValue = parsePolicy(value, { policyType: type });
        expectWellFormed(fromValue);
        // A string input is JSON text by definition, so only non-strings have a separate text form.
        if (typeof value !== 'string') expect(parsePolicy(JSON.stringify(value), { policyType: type })).toEqual(fromValue);
      }),
      { numRuns: 400 },
    );
  });

  it('accepts the identity policies its grammar generates', () => {
    fc.assert(
      fc.property(validIdentityPolicy, (policy) => {
        const result = parsePolicy(policy, { policyType: 'IDENTITY_POLICY' });
        expect(result.ok ? [] : result.errors).toEqual([]);
        const expected = Array.isArray(policy.Statement) ? policy.Statement.length : 1;
        expect(result.ok && result.policy.statements.length).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('gives a well-formed result for any mutation of a valid policy', () => {
    fc.assert(
      fc.property(
        validIdentityPolicy,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined), fc.constant('${aws:username}'), fc.constant('__proto__')),
        policyType,
        (policy, path, replacement, type) => {
          const mutated = mutate(policy, path, replacement);
          expectWellFormed(parsePolicy(mutated, { policyType: type }));
          const text = JSON.stringify(mutated);
          if (text !== undefined) expectWellFormed(parsePolicy(text, { policyType: type }));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives a well-formed result for any edit of a valid policy text', () => {
    fc.assert(
      fc.property(validIdentityPolicy, fc.nat(), fc.nat({ max: 8 }), fc.string({ maxLength: 6 }), policyType, (policy, at, cut, insert, type) => {
        const text = JSON.stringify(policy);
        const i = at % (text.length + 1);
        const edited = text.slice(0, i) + insert + text.slice(i + cut);
        expectWellFormed(parsePolicy(edited, { policyType: type }));
      }),
      { numRuns: 400 },
    );
  });

  it('gives a well-formed result for values that are not JSON at all', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }), policyType, (value, type) => {
        expectWellFormed(parsePolicy(value, { policyType: type }));
      }),
      { numRuns: 300 },
    );
  });
});

describe('IAM JSON policy grammar: hostile shapes are refused quickly', () => {
  const identity = { policyType: 'IDENTITY_POLICY' } as const;

  it('refuses 200,000 nested arrays without exhausting the stack', () => {
    const text = '['.repeat(200_000) + ']'.repeat(200_000);
    const result = parsePolicy(text, identity);
    expect(result.ok ? [] : result.errors.map((e) => e.issue)).toEqual(['NOT_AN_OBJECT']);
  });

  it('refuses deeply nested objects under Condition', () => {
    let nested = '"x"';
    for (let i = 0; i < 100_000; i++) nested = `{"k":${nested}}`;
    const text = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":${nested}}}`;
    const result = parsePolicy(text, identity);
    expect(result.ok).toBe(false);
  });

  it('reads a statement with 100,000 actions', () => {
    const actions = Array.from({ length: 100_000 }, (_, i) => `s3:Action${i}`);
    const result = parsePolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: actions, Resource: '*' } }, identity);
    expect(result.ok && result.policy.statements[0]?.action.values.length).toBe(100_000);
  });

  it('refuses a cyclic value', () => {
    const statement: Record<string, unknown> = { Effect: 'Allow', Action: 's3:GetObject' };
    statement.Resource = statement;
    const result = parsePolicy({ Version: '2012-10-17', Statement: statement }, identity);
    expect(result.ok ? [] : result.errors.map((e) => e.issue)).toEqual(['WRONG_TYPE']);
  });

  it('refuses a value whose getters throw', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no');
        },
      },
    );
    const result = parsePolicy(hostile, identity);
    expect(result.ok ? [] : result.errors.map((e) => e.issue)).toEqual(['NOT_AN_OBJECT']);
  });

  it('treats __proto__ as an element name, not as the prototype', () => {
    const value = JSON.parse('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","__proto__":{"Condition":{}}}}') as unknown;
    const result = parsePolicy(value, identity);
    expect(result.ok ? [] : result.errors.map((e) => [e.issue, e.detail])).toEqual([['UNKNOWN_ELEMENT', '__proto__']]);
    expect(({} as Record<string, unknown>).Condition).toBeUndefined();
  });

  it('refuses a sparse array of a billion items without walking it', () => {
    const sparse: unknown[] = [];
    sparse.length = 1_000_000_000;
    const result = parsePolicy({ Version: '2012-10-17', Statement: sparse }, identity);
    expect(result.ok).toBe(false);
  });
});
