import { describe, expect, it } from 'vitest';
import { RequestContext } from '../context.ts';
import { compileCondition, compileConditionBlock, ConditionCompileError } from './index.ts';

describe('Conditions with multiple context keys or values — operators and keys are ANDed', () => {
  // The guide's S3 bucket policy: StringEquals aws:PrincipalTag/department and ArnLike aws:PrincipalArn.
  const block = compileConditionBlock(
    [
      { operator: 'StringEquals', key: 'aws:PrincipalTag/department', values: ['finance', 'hr', 'legal'] },
      { operator: 'ArnLike', key: 'aws:PrincipalArn', values: ['arn:aws:iam::222222222222:user/Ana', 'arn:aws:iam::222222222222:user/Mary'] },
    ],
    '2012-10-17',
  );

  it('holds when every condition holds', () => {
    const ctx = new RequestContext({ 'aws:PrincipalTag/department': 'hr', 'aws:PrincipalArn': 'arn:aws:iam::222222222222:user/Mary' });
    expect(block.test(ctx)).toBe(true);
    expect(block.firstFailing(ctx)).toBeUndefined();
  });

  it('fails when one condition fails, and names it', () => {
    const ctx = new RequestContext({ 'aws:PrincipalTag/department': 'hr', 'aws:PrincipalArn': 'arn:aws:iam::222222222222:user/Bob' });
    expect(block.test(ctx)).toBe(false);
    expect(block.firstFailing(ctx)?.clause.operator).toBe('ArnLike');
  });

  it('names the first failing condition in policy order', () => {
    expect(block.firstFailing(new RequestContext())?.clause.operator).toBe('StringEquals');
  });

  it('an empty block holds', () => {
    const empty = compileConditionBlock([], '2012-10-17');
    expect(empty.test(new RequestContext())).toBe(true);
    expect(empty.conditions).toEqual([]);
  });

  it('three or more conditions are all required', () => {
    const three = compileConditionBlock(
      [
        { operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] },
        { operator: 'NumericLessThan', key: 's3:max-keys', values: ['10'] },
        { operator: 'Null', key: 'aws:TokenIssueTime', values: ['false'] },
      ],
      '2012-10-17',
    );
    const ctx = { 'aws:SecureTransport': 'true', 's3:max-keys': '5', 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' };
    expect(three.test(new RequestContext(ctx))).toBe(true);
    expect(three.test(new RequestContext({ ...ctx, 's3:max-keys': '50' }))).toBe(false);
    expect(three.firstFailing(new RequestContext({ ...ctx, 's3:max-keys': '50' }))?.key).toBe('s3:max-keys');
  });
});

describe('compiled conditions report the context keys they read', () => {
  it('the condition key in lower case', () => {
    const condition = compileCondition({ operator: 'StringEquals', key: 'AWS:PrincipalTag/Team', values: ['x'] }, '2012-10-17');
    expect(condition.key).toBe('aws:principaltag/team');
    expect(condition.keys).toEqual(['aws:principaltag/team']);
    expect(condition.spec.base).toBe('StringEquals');
  });

  it('plus the keys of policy variables in the values', () => {
    const condition = compileCondition(
      { operator: 'StringLike', key: 's3:prefix', values: ['home/${aws:username}/*', '${aws:PrincipalTag/Team}/${AWS:username}', '${*}'] },
      '2012-10-17',
    );
    expect(condition.keys).toEqual(['s3:prefix', 'aws:username', 'aws:principaltag/team']);
  });

  it('but not under Version 2008-10-17, nor for operators without variables', () => {
    expect(compileCondition({ operator: 'StringEquals', key: 'k', values: ['${aws:username}'] }, '2008-10-17').keys).toEqual(['k']);
    expect(compileCondition({ operator: 'NumericEquals', key: 'k', values: ['${aws:username}'] }, '2012-10-17').keys).toEqual(['k']);
  });
});

describe('IAM JSON policy elements: Condition operators — an operator IAM does not know', () => {
  it('throws ConditionCompileError with its code (the parser refuses these policies first)', () => {
    for (const operator of ['Bogus', 'stringEquals', 'NullIfExists']) {
      try {
        compileCondition({ operator, key: 'k', values: ['v'] }, '2012-10-17');
        expect.unreachable(operator);
      } catch (error) {
        expect(error).toBeInstanceOf(ConditionCompileError);
        expect((error as ConditionCompileError).code).toBe('UNKNOWN_CONDITION_OPERATOR');
        expect((error as ConditionCompileError).operator).toBe(operator);
      }
    }
  });
});
