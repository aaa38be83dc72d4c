// `podiam policy validate` run in process on the policies printed in the seed documents
// (validate-seeds/: as printed, except 001-trust-policy.json, whose missing opening brace is restored and
// whose `shared_content_account_id` placeholder is filled in; the as-printed copy is kept beside it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { policyCommand } from './index.ts';
import { validateCommand } from './validate.ts';

const seeds = join(import.meta.dirname, 'validate-seeds');
let out = '';
let err = '';

beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

interface JsonFinding {
  findingType: string;
  issueCode: string;
  findingDetails: string;
  learnMoreLink: string;
  locations: { path: unknown[]; span?: { start: { line: number; column: number; offset: number } } }[];
}

async function validateJson(file: string, policyType: string): Promise<{ code: number; findings: JsonFinding[] }> {
  const code = await validateCommand.run(['--policy-type', policyType, '--policy-document', `file://${join(seeds, file)}`, '--output', 'json']);
  return { code, findings: (JSON.parse(out) as { findings: JsonFinding[] }).findings };
}

describe('IAM Access Analyzer, "Validate policies with IAM Access Analyzer": the seeds\' policies', () => {
  it('seed 001: a trust policy for an EKS OIDC provider that checks aud but not sub is a security warning', async () => {
    const { code, findings } = await validateJson('001-trust-policy.json', 'TRUST_POLICY');
    expect(code).toBe(0);
    expect(findings.map((f) => [f.findingType, f.issueCode])).toEqual([['SECURITY_WARNING', 'MISSING_SUB_CONDITION_KEY_FOR_OIDC_PRINCIPAL']]);
    expect(findings[0]?.locations[0]?.path).toEqual([{ value: 'Statement' }, { index: 0 }, { value: 'Principal' }, { value: 'Federated' }]);
    // The span starts at the Federated value, quotes included: line 1-based, column and offset 0-based.
    const text = readFileSync(join(seeds, '001-trust-policy.json'), 'utf8');
    const offset = text.indexOf('"arn:aws:iam::111122223333:oidc-provider/');
    const line = text.slice(0, offset).split('\n').length;
    expect(findings[0]?.locations[0]?.span?.start).toEqual({ column: offset - text.lastIndexOf('\n', offset) - 1, line, offset });
    expect(line).toBe(7);
  });

  it('seed 001: the trust policy as printed, without its opening brace, is a JSON syntax error', async () => {
    const { code, findings } = await validateJson('001-trust-policy.as-printed.json', 'TRUST_POLICY');
    expect(code).toBe(1);
    expect(findings.map((f) => f.issueCode)).toEqual(['JSON_SYNTAX_ERROR']);
  });

  it('seed 001: the S3 policy\'s Sid "s3-bucket" is not alphanumeric', async () => {
    const { code, findings } = await validateJson('001-s3-policy.json', 'IDENTITY_POLICY');
    expect(code).toBe(1);
    expect(findings.map((f) => f.issueCode)).toEqual(['UNSUPPORTED_SID']);
    expect(findings[0]?.locations[0]?.path).toEqual([{ value: 'Statement' }, { index: 0 }, { value: 'Sid' }]);
  });

  it('seed 002: s3:* on "*" with aws:RequestTag allows only the S3 actions that take request tags', async () => {
    const { code, findings } = await validateJson('002-tagging-policy.json', 'IDENTITY_POLICY');
    expect(code).toBe(0);
    expect(findings.map((f) => [f.findingType, f.issueCode])).toEqual([['SUGGESTION', 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE']]);
    expect(findings[0]?.findingDetails).toContain('aws:RequestTag/Department');
  });

  it('seed 002: s3:GetObject does not support aws:RequestTag, so the "least privilege" policy allows nothing', async () => {
    const { code, findings } = await validateJson('002-least-privilege-policy.json', 'IDENTITY_POLICY');
    expect(code).toBe(1);
    expect(findings.map((f) => f.issueCode)).toEqual(['UNSUPPORTED_ACTION_FOR_CONDITION_KEY']);
    expect(findings[0]?.findingDetails).toContain('s3:GetObject');
  });

  it.each([
    ['002-dev-team-a-policy.json', 'IDENTITY_POLICY'],
    ['002-dev-team-b-policy.json', 'IDENTITY_POLICY'],
    ['002-trust-policy.json', 'TRUST_POLICY'],
  ])('seed 002: %s has no findings', async (file, type) => {
    const { code, findings } = await validateJson(file, type);
    expect(code).toBe(0);
    expect(findings).toEqual([]);
  });

  it('seed 003: the bucket role policy as printed has a trailing comma', async () => {
    const { code, findings } = await validateJson('003-s3-bucket-role-policy.as-printed.json', 'IDENTITY_POLICY');
    expect(code).toBe(1);
    expect(findings.map((f) => f.issueCode)).toEqual(['JSON_SYNTAX_ERROR']);
  });

  it('seed 003: the ACCOUNTID placeholder is not a 12-digit account ID', async () => {
    const { code, findings } = await validateJson('003-kube2iam-role-policy.json', 'IDENTITY_POLICY');
    expect(code).toBe(1);
    expect(findings.map((f) => f.issueCode)).toEqual(['INVALID_ARN_ACCOUNT']);
    expect(findings[0]?.findingDetails).toBe('The resource ARN account ID ACCOUNTID is not valid. Provide a 12-digit account ID.');
  });

  it.each(['003-s3-bucket-role-trust-policy.json', '003-kube2iam-trust-policy.json'])(
    'seed 003: %s names a role in account ACCOUNTID, which IAM refuses',
    async (file) => {
      const { code, findings } = await validateJson(file, 'TRUST_POLICY');
      expect(code).toBe(1);
      expect(findings.map((f) => f.issueCode)).toEqual(['INVALID_PRINCIPAL_FORMAT']);
    },
  );
});

describe('AWS CLI, "aws accessanalyzer validate-policy": flags, output and exit codes', () => {
  it('prints {"findings": [...]} with the service\'s key order and four-space indentation', async () => {
    const document = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}';
    await validateCommand.run(['--policy-document', document, '--output', 'json']);
    const star = document.indexOf('"*"');
    expect(out.startsWith('{\n    "findings": [\n')).toBe(true);
    const finding = (JSON.parse(out) as { findings: Record<string, unknown>[] }).findings[0] ?? {};
    expect(Object.keys(finding)).toEqual(['findingDetails', 'findingType', 'issueCode', 'learnMoreLink', 'locations']);
    expect(finding.issueCode).toBe('PASS_ROLE_WITH_STAR_IN_RESOURCE');
    expect(finding.locations).toEqual([
      {
        path: [{ value: 'Statement' }, { index: 0 }, { value: 'Resource' }],
        span: { end: { column: star + 3, line: 1, offset: star + 3 }, start: { column: star, line: 1, offset: star } },
      },
    ]);
  });

  it('prints one block per finding with severity, code, location and details, and a summary', async () => {
    const document =
      '{"Version":"2012-10-17","Statement":[{"Sid":"Pass","Effect":"Allow","Action":["s3:GetObjekt","iam:PassRole"],"Resource":"*"}]}';
    const code = await validateCommand.run(['--policy-document', document]);
    expect(code).toBe(1);
    // Text output counts columns from 1.
    const column = document.indexOf('"s3:GetObjekt"') + 1;
    expect(out).toContain(`ERROR INVALID_ACTION\n  at Statement[0] (Sid "Pass").Action[0] (line 1, column ${column})\n`);
    expect(out).toContain('The action s3:GetObjekt does not exist. Did you mean s3:GetObject?');
    expect(out).toContain('SECURITY WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE');
    expect(out.trimEnd().split('\n').at(-1)).toBe('2 findings: 1 error, 1 security warning');
  });

  it('exits 0 and says so when there is nothing to report', async () => {
    const code = await validateCommand.run(['--policy-document', `file://${join(seeds, '002-dev-team-a-policy.json')}`]);
    expect(code).toBe(0);
    expect(out).toBe('No findings.\n');
  });

  it('is registered as `podiam policy validate`', async () => {
    const code = await policyCommand.run(['validate', '--policy-document', `file://${join(seeds, '002-trust-policy.json')}`, '--policy-type', 'TRUST_POLICY']);
    expect(code).toBe(0);
    expect(out).toBe('No findings.\n');
  });

  it.each([
    [['--policy-document', '{}', '--bogus'], 'Unknown option'],
    [['--policy-type', 'ROLE_POLICY', '--policy-document', '{}'], '--policy-type must be one of'],
    [['--output', 'yaml', '--policy-document', '{}'], '--output must be text or json'],
    [[], '--policy-document is required'],
    [['--policy-document', 'file:///nonexistent/policy.json'], 'cannot read /nonexistent/policy.json (ENOENT)'],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    expect(await validateCommand.run(argv)).toBe(2);
    expect(err).toContain(message);
    expect(out).toBe('');
  });
});
