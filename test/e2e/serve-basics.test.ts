// `podiam serve` from the outside: first start writes AWS CLI files that work, health, and the
// caller identity of the administrator key (STS API Reference, "GetCallerIdentity").
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws } from './support/aws-cli.ts';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';

let podiam: PodiamProcess;
beforeAll(async () => {
  podiam = await startPodiam();
});
afterAll(async () => {
  await podiam.stop();
});

describe('podiam serve: first start (issue contract)', () => {
  it('writes DIR/credentials and DIR/config that the AWS CLI uses unchanged', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_SHARED_CREDENTIALS_FILE: join(podiam.dataDir, 'credentials'), AWS_CONFIG_FILE: join(podiam.dataDir, 'config') };
    delete env['AWS_ACCESS_KEY_ID'];
    delete env['AWS_SECRET_ACCESS_KEY'];
    const result = spawnSync('aws', ['--endpoint-url', podiam.url, 'sts', 'get-caller-identity', '--output', 'json'], { env, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ UserId: expect.stringMatching(/^AIDA[A-Z2-7]{16}$/), Account: podiam.accountId, Arn: `arn:aws:iam::${podiam.accountId}:user/admin` });
  });
  // IAM User Guide, "Root user best practices": no access keys for the root user; administrators are
  // IAM identities with AdministratorAccess. And STS refuses root: "Roles may not be assumed by root accounts."
  it('the administrator is the IAM user admin with AdministratorAccess attached, so it may assume roles', () => {
    const attached = aws(['iam', 'list-attached-user-policies', '--user-name', 'admin', '--output', 'json'], podiam.env);
    expect(attached.status, attached.stderr).toBe(0);
    expect(JSON.parse(attached.stdout).AttachedPolicies).toEqual([{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }]);
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${podiam.accountId}:root` }, Action: 'sts:AssumeRole' }] });
    expect(aws(['iam', 'create-role', '--role-name', 'operator', '--assume-role-policy-document', trust], podiam.env).status).toBe(0);
    const assumed = aws(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${podiam.accountId}:role/operator`, '--role-session-name', 'ops', '--output', 'json'], podiam.env);
    expect(assumed.status, assumed.stderr).toBe(0);
    expect(JSON.parse(assumed.stdout).AssumedRoleUser.Arn).toBe(`arn:aws:sts::${podiam.accountId}:assumed-role/operator/ops`);
  });
  // S3 refuses Signature Version 2 for buckets created since June 2020; the AWS CLI v1 presigns with it
  // unless the profile says `s3 = signature_version = s3v4`, which DIR/config does.
  it('DIR/config makes `aws s3 presign` sign with SigV4, and the URL fetches the object', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_SHARED_CREDENTIALS_FILE: join(podiam.dataDir, 'credentials'), AWS_CONFIG_FILE: join(podiam.dataDir, 'config') };
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ENDPOINT_URL']) delete env[name];
    const run = (args: string[], input?: string) => spawnSync('aws', args, { env, encoding: 'utf8', input });
    expect(run(['s3api', 'create-bucket', '--bucket', 'presigned']).status).toBe(0);
    expect(run(['s3', 'cp', '-', 's3://presigned/hello.txt'], 'hello, presigned').status).toBe(0);
    const presigned = run(['s3', 'presign', 's3://presigned/hello.txt', '--expires-in', '300']);
    expect(presigned.status, presigned.stderr).toBe(0);
    const url = presigned.stdout.trim();
    expect(new URL(url).searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello, presigned');
  });
  it('answers /_podiam/health with 200 once ready', async () => {
    expect((await fetch(`${podiam.url}/_podiam/health`)).status).toBe(200);
  });
});

// STYLE: every long-running process has /metrics (Prometheus text format). On this listener it is
// /_podiam/metrics, since /metrics is S3's path-style address of a bucket named "metrics".
describe('podiam serve: Prometheus metrics at /_podiam/metrics', () => {
  const scrape = async () => {
    const response = await fetch(`${podiam.url}/_podiam/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };
  const sample = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}."/]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);

  it('counts each API call by operation and error code, and each request by front door', async () => {
    const callSeries = 'podiam_api_calls_total{event_source="sts.amazonaws.com",event_name="GetCallerIdentity",error_code=""}';
    const deniedSeries = 'podiam_api_calls_total{event_source="sts.amazonaws.com",event_name="GetCallerIdentity",error_code="SignatureDoesNotMatch"}';
    const before = await scrape();
    expect(aws(['sts', 'get-caller-identity'], podiam.env).status).toBe(0);
    expect(aws(['sts', 'get-caller-identity'], { ...podiam.env, AWS_SECRET_ACCESS_KEY: 'y'.repeat(40) }).status).not.toBe(0);
    const after = await scrape();
    expect(sample(after, callSeries) - (Number.isNaN(sample(before, callSeries)) ? 0 : sample(before, callSeries))).toBe(1);
    expect(sample(after, deniedSeries) - (Number.isNaN(sample(before, deniedSeries)) ? 0 : sample(before, deniedSeries))).toBe(1);
    expect(sample(after, 'podiam_http_requests_total{door="api",code="200"}')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'podiam_http_requests_total{door="api",code="403"}')).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/^podiam_http_request_duration_seconds_bucket\{le="0\.1",door="api"\} \d+$/m);
    expect(after).toMatch(/^podiam_audit_queue_events \d+$/m);
    expect(after).toMatch(/^podiam_audit_events_written_total \d+$/m);
    expect(after).toMatch(/^process_resident_memory_bytes \d+$/m);
  });
});

describe('SigV4 at the front door (AWS General Reference, "Signature Version 4")', () => {
  it('a wrong secret gets SignatureDoesNotMatch', () => {
    const result = aws(['sts', 'get-caller-identity'], { ...podiam.env, AWS_SECRET_ACCESS_KEY: 'x'.repeat(40) });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('SignatureDoesNotMatch');
  });
  it('an unknown key gets InvalidClientTokenId', () => {
    const result = aws(['sts', 'get-caller-identity'], { ...podiam.env, AWS_ACCESS_KEY_ID: 'AKIAAAAAAAAAAAAAAAAA' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('InvalidClientTokenId');
  });
});
