// The audit trail end to end (AWS CloudTrail User Guide, "CloudTrail record contents" and "CloudTrail
// userIdentity element"; IAM User Guide, "Logging IAM and AWS STS API calls with AWS CloudTrail"): calls
// made with the AWS CLI against `podiam serve` leave one CloudTrail event each, which `podiam audit
// lookup`, run as its own process beside the running server, finds by principal, role, event name,
// error and time — and no stored event holds a secret access key or a session token.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws, type CliResult } from './support/aws-cli.ts';
import { NODE, PODIAM_BIN, startPodiam, type PodiamProcess } from './support/podiam-process.ts';

interface Event {
  eventVersion: string;
  eventName: string;
  eventSource: string;
  eventTime: string;
  eventID: string;
  requestID: string;
  readOnly: boolean;
  errorCode?: string;
  errorMessage?: string;
  recipientAccountId?: string;
  sourceIPAddress: string;
  userAgent: string;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  userIdentity: {
    type: string;
    arn?: string;
    accessKeyId?: string;
    principalId?: string;
    userName?: string;
    sessionContext?: { sessionIssuer: { type?: string; arn?: string; userName?: string }; attributes: { mfaAuthenticated: string } };
  };
}

let podiam: PodiamProcess;
let account = '';
let userArn = '';
let roleArn = '';
let sessionArn = '';
let startedAt = '';
/** Every secret the calls handed out or used. */
const secrets: string[] = [];

function ok(result: CliResult): Record<string, unknown> {
  if (result.status !== 0) throw new Error(`aws failed (${result.status}): ${result.stderr}`);
  return (result.json ?? {}) as Record<string, unknown>;
}

/** Runs `podiam audit lookup ARGS` as a child process and parses its JSON lines. */
function lookup(args: string[]): Event[] {
  const result = spawnSync(NODE, [PODIAM_BIN, 'audit', 'lookup', '--data-dir', podiam.dataDir, ...args], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`podiam audit lookup failed (${String(result.status)}): ${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Event);
}

beforeAll(async () => {
  podiam = await startPodiam({ accountId: '300000000003' });
  account = podiam.accountId;
  secrets.push(podiam.secretAccessKey);
  startedAt = new Date(Date.now() - 1000).toISOString();

  ok(aws(['sts', 'get-caller-identity'], podiam.env));
  expect(aws(['iam', 'get-role', '--role-name', 'no-such-role'], podiam.env).status).not.toBe(0);
  const user = ok(aws(['iam', 'create-user', '--user-name', 'auditor'], podiam.env)) as { User: { Arn: string } };
  userArn = user.User.Arn;
  ok(aws(['iam', 'attach-user-policy', '--user-name', 'auditor', '--policy-arn', 'arn:aws:iam::aws:policy/AdministratorAccess'], podiam.env));
  const key = ok(aws(['iam', 'create-access-key', '--user-name', 'auditor'], podiam.env)) as { AccessKey: { AccessKeyId: string; SecretAccessKey: string } };
  secrets.push(key.AccessKey.SecretAccessKey);
  const userEnv = { ...podiam.env, AWS_ACCESS_KEY_ID: key.AccessKey.AccessKeyId, AWS_SECRET_ACCESS_KEY: key.AccessKey.SecretAccessKey };
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: userArn }, Action: 'sts:AssumeRole' }] });
  const role = ok(aws(['iam', 'create-role', '--role-name', 'app', '--assume-role-policy-document', trust], userEnv)) as { Role: { Arn: string } };
  roleArn = role.Role.Arn;
  ok(aws(['iam', 'attach-role-policy', '--role-name', 'app', '--policy-arn', 'arn:aws:iam::aws:policy/AdministratorAccess'], userEnv));
  const assumed = ok(aws(['sts', 'assume-role', '--role-arn', roleArn, '--role-session-name', 'audit-session'], userEnv)) as {
    Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
    AssumedRoleUser: { Arn: string };
  };
  secrets.push(assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken);
  sessionArn = assumed.AssumedRoleUser.Arn;
  const sessionEnv = {
    ...podiam.env,
    AWS_ACCESS_KEY_ID: assumed.Credentials.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: assumed.Credentials.SecretAccessKey,
    AWS_SESSION_TOKEN: assumed.Credentials.SessionToken,
  };
  ok(aws(['iam', 'list-roles'], sessionEnv));
  expect(aws(['iam', 'get-role', '--role-name', 'still-missing'], sessionEnv).status).not.toBe(0);
  ok(aws(['organizations', 'create-organization'], podiam.env));
  ok(aws(['organizations', 'create-account', '--email', 'secret-person@example.com', '--account-name', 'hidden-name'], podiam.env));
  // The recorder writes every 50 ms; give it a moment.
  await new Promise((r) => setTimeout(r, 300));
}, 120_000);
afterAll(async () => {
  await podiam.stop();
});

describe('podiam audit lookup beside the running server', () => {
  it('finds the calls of a principal, newest first, as CloudTrail events', () => {
    const events = lookup(['--principal', userArn]);
    expect(events.map((e) => e.eventName)).toEqual(['AssumeRole', 'AttachRolePolicy', 'CreateRole']);
    const times = events.map((e) => e.eventTime);
    expect([...times].sort().reverse()).toEqual(times);
    for (const e of events) {
      expect(e).toMatchObject({ eventVersion: '1.11', recipientAccountId: account, sourceIPAddress: '127.0.0.1' });
      expect(e.userIdentity).toMatchObject({ type: 'IAMUser', arn: userArn, userName: 'auditor', accountId: account });
      expect(e.userAgent).toMatch(/aws-cli/);
      expect(e.eventID).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('AssumeRole records the role, and the credentials by key ID only', () => {
    const [event] = lookup(['--event-name', 'AssumeRole']);
    expect(event?.eventSource).toBe('sts.amazonaws.com');
    expect(event?.requestParameters).toMatchObject({ roleArn, roleSessionName: 'audit-session' });
    expect(event?.responseElements?.['credentials']).toEqual(expect.objectContaining({ accessKeyId: expect.stringMatching(/^ASIA/) }));
  });

  it('finds every session of a role, and the calls that created and assumed it, by --role; a session call carries the role as sessionIssuer', () => {
    const events = lookup(['--role', roleArn]);
    expect(events.map((e) => e.eventName)).toEqual(['GetRole', 'ListRoles', 'AssumeRole', 'CreateRole']);
    const listRoles = events.find((e) => e.eventName === 'ListRoles');
    expect(listRoles?.userIdentity).toMatchObject({
      type: 'AssumedRole',
      arn: sessionArn,
      sessionContext: { sessionIssuer: { type: 'Role', arn: roleArn, userName: 'app' }, attributes: { mfaAuthenticated: 'false' } },
    });
    expect(listRoles?.userIdentity.accessKeyId).toMatch(/^ASIA/);
    expect(lookup(['--principal', sessionArn]).map((e) => e.eventName)).toEqual(['GetRole', 'ListRoles']);
  });

  it('finds refused calls by --error-code and --errors-only, with AWS\'s code and message', () => {
    const missing = lookup(['--error-code', 'NoSuchEntity']);
    expect(missing.map((e) => e.requestParameters?.['roleName'])).toEqual(['still-missing', 'no-such-role']);
    expect(missing[1]?.errorMessage).toBe('The role with name no-such-role cannot be found.');
    expect(missing[1]?.responseElements).toBeNull();
    const errors = lookup(['--errors-only']);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    for (const e of errors) expect(e.errorCode).toBeDefined();
  });

  it('Organizations events: CreateAccount with the address and name masked', () => {
    const [event] = lookup(['--event-name', 'CreateAccount']);
    expect(event?.eventSource).toBe('organizations.amazonaws.com');
    expect(event?.requestParameters).toMatchObject({ email: '****', accountName: '****' });
    expect(JSON.stringify(event)).not.toContain('secret-person@example.com');
  });

  it('filters by time: nothing before the server started, everything since', () => {
    expect(lookup(['--end-time', '2000-01-01T00:00:00Z'])).toEqual([]);
    const since = lookup(['--start-time', startedAt, '--max-results', '1000']);
    expect(since.length).toBeGreaterThanOrEqual(12);
    expect(lookup(['--max-results', '3'])).toHaveLength(3);
  });

  it('no stored event holds a secret access key or a session token', () => {
    const all = lookup(['--max-results', '100000']);
    expect(all.length).toBeGreaterThanOrEqual(12);
    const text = all.map((e) => JSON.stringify(e)).join('\n');
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/secretAccessKey|sessionToken/i);
  });

  it('a call made just before SIGTERM is still recorded (the recorder flushes on shutdown)', async () => {
    const before = lookup(['--event-name', 'GetCallerIdentity']).length;
    ok(aws(['sts', 'get-caller-identity'], podiam.env));
    await podiam.stop({ keepData: true });
    expect(lookup(['--event-name', 'GetCallerIdentity'])).toHaveLength(before + 1);
  });
});
