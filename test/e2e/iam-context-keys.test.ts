// GetContextKeysForCustomPolicy and GetContextKeysForPrincipalPolicy end to end with the AWS CLI against
// `podiam serve`, as a person preparing policy-simulator ContextEntries would call them (AWS CLI Command
// Reference, "get-context-keys-for-custom-policy" and "get-context-keys-for-principal-policy").
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws } from './support/aws-cli.ts';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';

let podiam: PodiamProcess;
let tmp: string;
const ACCOUNT = '444455556666';

/** The policy of the CLI reference's example 1. */
const EXAMPLE = JSON.stringify({
  Version: '2012-10-17',
  Statement: {
    Effect: 'Allow',
    Action: 'dynamodb:*',
    Resource: 'arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}',
    Condition: { DateGreaterThan: { 'aws:CurrentTime': '2015-08-16T12:00:00Z' } },
  },
});

const conditioned = (operator: string, key: string, value: string): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { [operator]: { [key]: value } } }] });

function file(name: string, content: string): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return `file://${path}`;
}

function cli(...args: string[]): ReturnType<typeof aws> {
  return aws(['iam', ...args], podiam.env);
}

function keys(...args: string[]): unknown {
  const result = cli(...args);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return (result.json as { ContextKeyNames?: unknown }).ContextKeyNames;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'podiam-context-keys-'));
  podiam = await startPodiam({ accountId: ACCOUNT });
});
afterAll(async () => {
  await podiam.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('aws iam get-context-keys-for-custom-policy (IAM API Reference, "GetContextKeysForCustomPolicy")', () => {
  it('example 1: the policy on the command line gives ["aws:username", "aws:CurrentTime"]', () => {
    expect(keys('get-context-keys-for-custom-policy', '--policy-input-list', EXAMPLE)).toEqual(['aws:username', 'aws:CurrentTime']);
  });

  it('example 2: a file holding a JSON list of policy strings; each key once across them', () => {
    const list = file('policies.json', JSON.stringify([EXAMPLE, conditioned('StringEquals', 'aws:RequestedRegion', 'eu-west-1'), conditioned('DateLessThan', 'aws:currenttime', '2030-01-01T00:00:00Z')]));
    expect(keys('get-context-keys-for-custom-policy', '--policy-input-list', list)).toEqual(['aws:username', 'aws:CurrentTime', 'aws:RequestedRegion']);
  });

  it('a policy without conditions or variables references no key', () => {
    const plain = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    expect(keys('get-context-keys-for-custom-policy', '--policy-input-list', plain)).toEqual([]);
  });

  it('a document that is not a policy is InvalidInput', () => {
    const result = cli('get-context-keys-for-custom-policy', '--policy-input-list', file('bad.json', JSON.stringify(['{"Version": "2012-10-17", "Statement": ['])));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('An error occurred (InvalidInput) when calling the GetContextKeysForCustomPolicy operation: Syntax errors in policy.');
  });
});

describe('aws iam get-context-keys-for-principal-policy (IAM API Reference, "GetContextKeysForPrincipalPolicy")', () => {
  beforeAll(() => {
    const steps: string[][] = [
      ['create-user', '--user-name', 'saanvi'],
      ['put-user-policy', '--user-name', 'saanvi', '--policy-name', 'home', '--policy-document', EXAMPLE],
      ['create-group', '--group-name', 'ops'],
      ['add-user-to-group', '--group-name', 'ops', '--user-name', 'saanvi'],
      ['put-group-policy', '--group-name', 'ops', '--policy-name', 'mfa', '--policy-document', conditioned('Bool', 'aws:MultiFactorAuthPresent', 'true')],
    ];
    for (const step of steps) expect(cli(...step).status, step.join(' ')).toBe(0);
  });

  it("a user's own and its groups' policies", () => {
    expect(keys('get-context-keys-for-principal-policy', '--policy-source-arn', `arn:aws:iam::${ACCOUNT}:user/saanvi`)).toEqual([
      'aws:username',
      'aws:CurrentTime',
      'aws:MultiFactorAuthPresent',
    ]);
  });

  it('plus the policies given in --policy-input-list', () => {
    const extra = conditioned('StringEquals', 'ec2:InstanceType', 't3.micro');
    expect(keys('get-context-keys-for-principal-policy', '--policy-source-arn', `arn:aws:iam::${ACCOUNT}:user/saanvi`, '--policy-input-list', extra)).toEqual([
      'aws:username',
      'aws:CurrentTime',
      'aws:MultiFactorAuthPresent',
      'ec2:InstanceType',
    ]);
  });

  it("a group's own policies only", () => {
    expect(keys('get-context-keys-for-principal-policy', '--policy-source-arn', `arn:aws:iam::${ACCOUNT}:group/ops`)).toEqual(['aws:MultiFactorAuthPresent']);
  });

  it('an unknown user is NoSuchEntity; an ARN that names no user, group or role is InvalidInput', () => {
    const missing = cli('get-context-keys-for-principal-policy', '--policy-source-arn', `arn:aws:iam::${ACCOUNT}:user/nobody`);
    expect(missing.stderr).toContain('An error occurred (NoSuchEntity) when calling the GetContextKeysForPrincipalPolicy operation: The user with name nobody cannot be found.');
    const arn = `arn:aws:iam::${ACCOUNT}:policy/not-a-principal`;
    const invalid = cli('get-context-keys-for-principal-policy', '--policy-source-arn', arn);
    expect(invalid.stderr).toContain(`An error occurred (InvalidInput) when calling the GetContextKeysForPrincipalPolicy operation: Invalid Entity Arn: ${arn}`);
  });
});
