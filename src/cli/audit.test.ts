// `podiam audit lookup` in process: arguments, and lookups over a store written by the audit recorder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallRecord } from '../api/index.ts';
import { AuditRecorder } from '../audit/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { auditCommand, lookupEvents, parseLookupArgs } from './audit.ts';

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/app/s1`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;

function call(n: number, overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    requestId: `req-${n}`,
    eventTime: new Date(Date.UTC(2025, 0, 1, 0, 0, n)),
    eventSource: 'iam.amazonaws.com',
    eventName: 'GetRole',
    region: 'us-east-1',
    sourceIp: '127.0.0.1',
    userAgent: 'test',
    readOnly: true,
    eventCategory: 'Management',
    caller: { secretAccessKey: 's', accessKeyId: 'AKIAALICE', principal: { type: 'User', arn: ALICE, accountId: ACCOUNT }, userId: 'AIDAALICE', userName: 'alice', tags: {} },
    requestParameters: { RoleName: 'app' },
    responseElements: null,
    notes: { resources: [] },
    ...overrides,
  };
}

const roleSession = {
  secretAccessKey: 's2',
  accessKeyId: 'ASIASESSION',
  principal: { type: 'AssumedRole' as const, arn: SESSION, accountId: ACCOUNT, roleArn: ROLE },
  userId: 'AROAAPP:s1',
  tags: {},
  roleArn: ROLE,
};

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podiam-audit-'));
  store = await openStore({ kind: 'sqlite', path: join(dir, 'podiam.db') });
  await store.accounts.insert({ id: ACCOUNT, name: 'a', email: 'a@example.com', organizationId: undefined, parentId: undefined, status: 'ACTIVE', joinedMethod: 'CREATED', createdAt: new Date() });
  const recorder = new AuditRecorder({ repo: store.auditEvents });
  recorder.record(call(1));
  recorder.record(call(2, { eventName: 'AssumeRole', eventSource: 'sts.amazonaws.com', notes: { resources: [{ ARN: ROLE, type: 'AWS::IAM::Role', accountId: ACCOUNT }] } }));
  recorder.record(call(3, { caller: roleSession, eventName: 'ListRoles' }));
  recorder.record(call(4, { caller: roleSession, eventName: 'DeleteRole', errorCode: 'AccessDenied', errorMessage: 'denied', readOnly: false }));
  recorder.record(call(5, { errorCode: 'NoSuchEntity', errorMessage: 'The role with name x cannot be found.' }));
  await recorder.flush();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

async function ids(argv: string[]): Promise<string[]> {
  const request = parseLookupArgs(argv, {});
  if (typeof request === 'string') throw new Error(request);
  const out: string[] = [];
  await lookupEvents(store, request, (e) => out.push(String((e as { requestID: string }).requestID)));
  return out;
}

describe('podiam audit lookup: filters as CloudTrail LookupEvents applies them, newest first', () => {
  it('without filters, every event, newest first', async () => {
    expect(await ids([])).toEqual(['req-5', 'req-4', 'req-3', 'req-2', 'req-1']);
  });
  it('--principal matches the caller ARN (a role session by its session ARN)', async () => {
    expect(await ids(['--principal', SESSION])).toEqual(['req-4', 'req-3']);
    expect(await ids(['--principal', ALICE])).toEqual(['req-5', 'req-2', 'req-1']);
  });
  it('--role matches every session of the role and the call that assumed it', async () => {
    expect(await ids(['--role', ROLE])).toEqual(['req-4', 'req-3', 'req-2']);
  });
  it('--event-name, --error-code and --errors-only', async () => {
    expect(await ids(['--event-name', 'AssumeRole'])).toEqual(['req-2']);
    expect(await ids(['--error-code', 'AccessDenied'])).toEqual(['req-4']);
    expect(await ids(['--errors-only'])).toEqual(['req-5', 'req-4']);
    expect(await ids(['--errors-only', '--max-results', '1'])).toEqual(['req-5']);
  });
  it('--start-time and --end-time include both ends', async () => {
    expect(await ids(['--start-time', '2025-01-01T00:00:02Z', '--end-time', '2025-01-01T00:00:03Z'])).toEqual(['req-3', 'req-2']);
  });
  it('--max-results stops after that many events, across store pages', async () => {
    expect(await ids(['--max-results', '2'])).toEqual(['req-5', 'req-4']);
  });
});

describe('podiam audit lookup: arguments', () => {
  it.each([
    [['--start-time', 'yesterday'], /not an ISO 8601 time/],
    [['--max-results', '0'], /--max-results must be an integer/],
    [['--error-code', 'X', '--errors-only'], /exclude each other/],
    [['--start-time', '2025-02-01', '--end-time', '2025-01-01'], /after/],
    [['--bogus'], /Unknown option/],
  ])('%j is refused', (argv, message) => {
    const result = parseLookupArgs(argv, {});
    expect(typeof result === 'string' ? result : '').toMatch(message);
  });
  it('the store is DIR/podiam.db, PODIAM_DATA_DIR, or PostgreSQL from --database-url', () => {
    expect(parseLookupArgs(['--data-dir', '/x'], {})).toMatchObject({ store: { kind: 'sqlite', path: '/x/podiam.db' } });
    expect(parseLookupArgs([], { PODIAM_DATA_DIR: '/y' })).toMatchObject({ store: { kind: 'sqlite', path: '/y/podiam.db' } });
    expect(parseLookupArgs(['--database-url', 'postgres://h/db'], {})).toMatchObject({ store: { kind: 'postgres', connectionString: 'postgres://h/db' } });
  });
  it('prints JSON lines, and refuses a data directory without a database', async () => {
    let out = '';
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
    expect(await auditCommand.run(['lookup', '--data-dir', dir, '--event-name', 'ListRoles'])).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ eventName: 'ListRoles', eventVersion: '1.11', userIdentity: { type: 'AssumedRole', arn: SESSION } });
    expect(await auditCommand.run(['lookup', '--data-dir', join(dir, 'missing')])).toBe(1);
    expect(err).toMatch(/no podiam database/);
  });
});
