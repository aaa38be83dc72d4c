// Requests signed by botocore's own signers (SigV4Auth, S3SigV4Auth and their query-string forms:
// what the AWS CLI and boto3 send, including `aws s3 presign` and `generate_presigned_url`).
import { describe, expect, it } from 'vitest';
import { botocore, botocoreAvailable, type BotocoreCommand } from '../botocore.fixture.ts';
import { sha256Hex } from './signing-key.ts';
import { verifySigV4 } from './verify.ts';
import type { SigV4Dialect } from './verification.ts';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const TEMP = { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: 'temporary/secret+key', sessionToken: 'FwoGZXIvYXdzEXAMPLE//token==' };

interface Case {
  readonly name: string;
  readonly dialect: SigV4Dialect;
  readonly command: Omit<Extract<BotocoreCommand, { kind: 'sign' }>, 'kind' | 'now' | 'accessKeyId' | 'secretAccessKey' | 'region'> & {
    readonly temporary?: boolean;
  };
}

const form = 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr&RoleSessionName=s+1';
const CASES: readonly Case[] = [
  { name: 'STS AssumeRole POST (aws sts assume-role)', dialect: 'query', command: { signingService: 'sts', method: 'POST', url: 'http://127.0.0.1:4577/', headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: form } },
  { name: 'STS with a session token', dialect: 'query', command: { signingService: 'sts', method: 'POST', url: 'http://127.0.0.1:4577/', headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: 'Action=GetCallerIdentity&Version=2011-06-15', temporary: true } },
  { name: 'IAM presigned GET (generate_presigned_url)', dialect: 'query', command: { signingService: 'iam', method: 'GET', url: 'http://127.0.0.1:4577/?Action=ListRoles&Version=2010-05-08&PathPrefix=%2Fa%20b%2F', expires: 300 } },
  { name: 'S3 PUT of an odd key (aws s3 cp)', dialect: 's3', command: { signingService: 's3', method: 'PUT', url: 'http://127.0.0.1:4577/bucket/dir/a%20b%2Bc~%C3%BC%21%27%28%29%2A.txt', body: 'hello' } },
  { name: 'S3 GET with list query (aws s3 ls)', dialect: 's3', command: { signingService: 's3', method: 'GET', url: 'http://127.0.0.1:4577/bucket?list-type=2&prefix=a%20b%2F&delimiter=%2F&encoding-type=url' } },
  { name: 'S3 presigned GET (aws s3 presign)', dialect: 's3', command: { signingService: 's3', method: 'GET', url: 'http://127.0.0.1:4577/bucket/a%20b.txt', expires: 3600, temporary: true } },
];

describe.skipIf(!botocoreAvailable)('AWS CLI / boto3: requests signed by botocore verify, and tampered ones do not', () => {
  const signed = botocoreAvailable
    ? (botocore(
        CASES.map((c) => ({
          kind: 'sign' as const,
          now: NOW,
          region: 'us-east-1',
          ...(c.command.temporary === true ? TEMP : KEY),
          ...c.command,
        })),
      ) as { url: string; headers: Record<string, string> }[])
    : [];

  function request(i: number) {
    const c = CASES[i];
    const s = signed[i];
    if (c === undefined || s === undefined) throw new Error('missing case');
    const url = new URL(s.url);
    const headers: Record<string, string> = { host: url.host };
    for (const [k, v] of Object.entries(s.headers)) headers[k.toLowerCase()] = v;
    return {
      method: c.command.method,
      url: url.pathname + url.search,
      headers,
      bodySha256: sha256Hex(c.command.body ?? ''),
    };
  }

  const options = (dialect: SigV4Dialect, service: string) => ({
    dialect,
    service,
    regions: ['us-east-1'],
    now: NOW + 1000,
    lookup: async (id: string, token: string | undefined) =>
      id === KEY.accessKeyId ? { secretAccessKey: KEY.secretAccessKey } : id === TEMP.accessKeyId && token === TEMP.sessionToken ? { secretAccessKey: TEMP.secretAccessKey } : undefined,
  });

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
    const c = CASES[i];
    if (c === undefined) return;
    const result = await verifySigV4(request(i), options(c.dialect, c.command.signingService));
    if (!result.ok) throw result.error;
    expect(result.anonymous).toBe(false);
  });

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s, with its path changed, is refused', async (_name, i) => {
    const c = CASES[i];
    if (c === undefined) return;
    const r = request(i);
    const result = await verifySigV4({ ...r, url: r.url.replace(/^\/(bucket)?/, '/other') }, options(c.dialect, c.command.signingService));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('SignatureDoesNotMatch');
  });
});
