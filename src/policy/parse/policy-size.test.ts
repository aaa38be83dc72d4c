import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicySize, policySize, POLICY_SIZE_LIMITS, type PolicySizeKind } from './index.ts';

/** A JSON policy text of exactly `size` characters by IAM's count, padded with white space. */
function policyOfSize(size: number, padding = 0): string {
  const skeleton = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::"}}';
  const filler = 'b'.repeat(size - skeleton.length);
  return skeleton.replace('arn:aws:s3:::', `arn:aws:s3:::${filler}`).replace('{"Version"', `{${' '.repeat(padding)}"Version"`);
}

describe('IAM and AWS STS quotas: "IAM does not count white space when calculating the size of a policy"', () => {
  it('does not count white space between tokens', () => {
    expect(policySize('{ "a" :\n\t[ "b" , 1 ]\r\n}')).toBe('{"a":["b",1]}'.length);
  });

  it('counts white space inside strings', () => {
    expect(policySize('{"a b":" c "}')).toBe(13);
  });

  it('is not misled by escaped quotes', () => {
    expect(policySize('{"a":"x\\" y"}')).toBe('{"a":"x\\" y"}'.length);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(policySize('{"a":"😀"}')).toBe(9);
  });

  it('equals the length of the compact JSON of any value, however it is indented', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const compact = JSON.stringify(value);
        expect(policySize(JSON.stringify(value, null, 2))).toBe(policySize(compact));
        expect(policySize(compact)).toBe([...compact].length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('IAM and AWS STS quotas: managed policy 6,144 characters', () => {
  it('accepts 6,144 characters, padded with white space', () => {
    expect(checkPolicySize(policyOfSize(6144, 500), 'MANAGED')).toBeUndefined();
  });

  it('refuses 6,145 characters with LimitExceeded', () => {
    expect(checkPolicySize(policyOfSize(6145), 'MANAGED')).toMatchObject({
      code: 'LimitExceeded',
      httpStatus: 409,
      message: 'Cannot exceed quota for PolicySize: 6144',
      issue: 'POLICY_TOO_LARGE',
      awsRejects: true,
    });
  });
});

describe('IAM and AWS STS quotas: inline policies share one quota per user (2,048), group (5,120), role (10,240)', () => {
  const cases: [PolicySizeKind, number, string][] = [
    ['USER_INLINE', 2048, 'user'],
    ['GROUP_INLINE', 5120, 'group'],
    ['ROLE_INLINE', 10240, 'role'],
  ];
  for (const [kind, limit, entity] of cases) {
    it(`accepts ${limit} characters for a ${entity}`, () => {
      expect(checkPolicySize(policyOfSize(limit, 100), kind)).toBeUndefined();
    });

    it(`refuses ${limit + 1} characters for a ${entity}, naming it`, () => {
      expect(checkPolicySize(policyOfSize(limit + 1), kind, 0, { entityName: 'team-a' })).toMatchObject({
        code: 'LimitExceeded',
        httpStatus: 409,
        message: `Maximum policy size of ${limit} bytes exceeded for ${entity} team-a`,
      });
    });

    it(`counts the ${entity}'s other inline policies`, () => {
      expect(checkPolicySize(policyOfSize(200), kind, limit - 200)).toBeUndefined();
      expect(checkPolicySize(policyOfSize(200), kind, limit - 199)?.code).toBe('LimitExceeded');
    });
  }
});

describe('IAM and AWS STS quotas: role trust policy length 2,048 (adjustable to 4,096)', () => {
  it('refuses 2,049 characters with the ACLSizePerRole quota', () => {
    expect(checkPolicySize(policyOfSize(2049), 'TRUST')).toMatchObject({
      code: 'LimitExceeded',
      httpStatus: 409,
      message: 'Cannot exceed quota for ACLSizePerRole: 2048',
    });
    expect(checkPolicySize(policyOfSize(2048, 300), 'TRUST')).toBeUndefined();
  });

  it('applies a raised quota', () => {
    expect(checkPolicySize(policyOfSize(4000), 'TRUST', 0, { trustPolicyQuota: 4096 })).toBeUndefined();
    expect(checkPolicySize(policyOfSize(4097), 'TRUST', 0, { trustPolicyQuota: 4096 })?.message).toBe(
      'Cannot exceed quota for ACLSizePerRole: 4096',
    );
  });
});

describe('Organizations "SCP syntax" / "RCP syntax": 5,120 characters, and all characters count', () => {
  for (const kind of ['SCP', 'RCP'] as const) {
    it(`counts white space in an ${kind}`, () => {
      expect(checkPolicySize(policyOfSize(5100), kind)).toBeUndefined();
      expect(checkPolicySize(policyOfSize(5100, 21), kind)).toMatchObject({
        code: 'ConstraintViolationException',
        httpStatus: 400,
        reason: 'POLICY_CONTENT_LIMIT_EXCEEDED',
        message: 'You have exceeded the maximum policy size.',
      });
    });
  }
});

describe('STS AssumeRole: the Policy parameter is at most 2,048 characters', () => {
  it('counts white space and names the value', () => {
    expect(checkPolicySize(policyOfSize(2000, 48), 'SESSION')).toBeUndefined();
    const text = policyOfSize(2000, 49);
    expect(checkPolicySize(text, 'SESSION')).toMatchObject({
      code: 'ValidationError',
      httpStatus: 400,
      message: `1 validation error detected: Value '${text}' at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048`,
    });
  });

  it('has a limit for every kind', () => {
    expect(Object.keys(POLICY_SIZE_LIMITS).sort()).toEqual(
      ['GROUP_INLINE', 'MANAGED', 'RCP', 'ROLE_INLINE', 'SCP', 'SESSION', 'TRUST', 'USER_INLINE'],
    );
  });
});
