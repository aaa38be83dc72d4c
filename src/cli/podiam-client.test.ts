// Where the podiam CLI's client finds its endpoint and credentials, as the AWS CLI does (AWS SDKs and
// Tools Reference Guide, "Standardized credential providers" and "Service-specific endpoints"), and that
// its SigV4-signed JSON calls reach podiam's clusters API.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessPodiam, type InProcessPodiam } from '../clusters/testing/in-process-podiam.ts';
import { DEFAULT_ENDPOINT, PodiamClient, describeFailure, resolveCredentials, resolveEndpoint } from './podiam-client.ts';

const dir = mkdtempSync(join(tmpdir(), 'podiam-client-'));
const file = join(dir, 'credentials');
writeFileSync(
  file,
  '[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = default-secret\n\n[profile dev]\naws_access_key_id=AKIADEV\naws_secret_access_key=dev-secret\naws_session_token=dev-token\n',
);

describe('resolveEndpoint: --endpoint-url, then AWS_ENDPOINT_URL_PODIAM, then AWS_ENDPOINT_URL', () => {
  it.each([
    ['http://flag:1/', { AWS_ENDPOINT_URL_PODIAM: 'http://svc:2', AWS_ENDPOINT_URL: 'http://all:3' }, 'http://flag:1'],
    [undefined, { AWS_ENDPOINT_URL_PODIAM: 'http://svc:2', AWS_ENDPOINT_URL: 'http://all:3' }, 'http://svc:2'],
    [undefined, { AWS_ENDPOINT_URL: 'http://all:3' }, 'http://all:3'],
    [undefined, {}, DEFAULT_ENDPOINT],
  ])('flag %s with %o -> %s', (flag, env, expected) => {
    expect(resolveEndpoint(flag, env)).toBe(expected);
  });
});

describe('resolveCredentials: environment variables, then the shared credentials file and profile', () => {
  it('environment variables win, with the session token', () => {
    expect(resolveCredentials({ AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't', AWS_SHARED_CREDENTIALS_FILE: file })).toEqual({
      accessKeyId: 'AKIAENV',
      secretAccessKey: 's',
      sessionToken: 't',
    });
  });
  it('the default profile of AWS_SHARED_CREDENTIALS_FILE', () => {
    expect(resolveCredentials({ AWS_SHARED_CREDENTIALS_FILE: file })).toEqual({ accessKeyId: 'AKIADEFAULT', secretAccessKey: 'default-secret' });
  });
  it('AWS_PROFILE picks another section', () => {
    expect(resolveCredentials({ AWS_SHARED_CREDENTIALS_FILE: file, AWS_PROFILE: 'dev' })).toEqual({ accessKeyId: 'AKIADEV', secretAccessKey: 'dev-secret', sessionToken: 'dev-token' });
  });
  it('./.podiam/credentials (written by podiam serve) when no file is named', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'podiam-cwd-'));
    mkdirSync(join(cwd, '.podiam'));
    writeFileSync(join(cwd, '.podiam', 'credentials'), '[default]\naws_access_key_id = AKIALOCAL\naws_secret_access_key = local\n');
    expect(resolveCredentials({}, cwd)).toEqual({ accessKeyId: 'AKIALOCAL', secretAccessKey: 'local' });
  });
  it('a missing profile is an error naming it and the file', () => {
    expect(resolveCredentials({ AWS_SHARED_CREDENTIALS_FILE: file, AWS_PROFILE: 'nope' })).toEqual({ error: `no credentials for profile 'nope' in ${file}` });
  });
});

describe('PodiamClient: signed AWS JSON 1.1 calls', () => {
  let podiam: InProcessPodiam;
  beforeAll(async () => {
    podiam = await startInProcessPodiam();
  });
  afterAll(async () => {
    await podiam.close();
  });

  it('a call signed with the administrator key succeeds', async () => {
    expect(await podiam.admin.call('ListClusters', {})).toEqual({ ok: true, output: { Clusters: [] } });
  });
  it('a wrong secret gets the JSON protocol\'s InvalidSignatureException', async () => {
    const out = await podiam.clientFor({ accessKeyId: podiam.server.admin.accessKeyId, secretAccessKey: 'x'.repeat(40) }).call('ListClusters', {});
    expect(out.ok ? '' : out.code).toBe('InvalidSignatureException');
  });
  it('an unknown operation gets UnknownOperationException', async () => {
    const client = new PodiamClient({ endpoint: podiam.url, region: 'us-east-1', credentials: podiam.server.admin }, { signingName: 'podiam', targetPrefix: 'PodiamClustersV1' });
    const out = await client.call('NoSuchThing', {});
    expect(out.ok ? '' : out.code).toBe('UnknownOperationException');
  });
  it('failures read as the AWS CLI words them', () => {
    expect(describeFailure('DescribeCluster', { code: 'ResourceNotFoundException', message: 'No cluster found for name: x.' })).toBe(
      'An error occurred (ResourceNotFoundException) when calling the DescribeCluster operation: No cluster found for name: x.',
    );
  });
});
