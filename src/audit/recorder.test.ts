import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, type AuditEventRecord, type Store } from '../store/index.ts';
import { AuditRecorder } from './recorder.ts';
import { ACCOUNT, call } from './test-calls.fixture.ts';

/** A repository that remembers each append, and can be told to fail. */
function fakeRepo() {
  const batches: AuditEventRecord[][] = [];
  let failing = 0;
  return {
    batches,
    failNext(n: number) {
      failing = n;
    },
    append: vi.fn(async (events: readonly AuditEventRecord[]) => {
      if (failing > 0) {
        failing -= 1;
        throw new Error('database is locked');
      }
      batches.push([...events]);
      return events.length;
    }),
  };
}

const calls = (n: number, from = 0) => Array.from({ length: n }, (_, i) => call({ requestId: `req-${from + i}` }));

afterEach(() => {
  vi.useRealTimers();
});

describe('Audit recorder: batching off the request path', () => {
  it('recording only queues: nothing is written during the call', () => {
    const repo = fakeRepo();
    const recorder = new AuditRecorder({ repo, intervalMs: 50 });
    recorder.record(call());
    expect(repo.append).not.toHaveBeenCalled();
    expect(recorder.pending).toBe(1);
  });

  it('a batch goes out after intervalMs, all queued calls in one append', async () => {
    vi.useFakeTimers();
    const repo = fakeRepo();
    const recorder = new AuditRecorder({ repo, intervalMs: 50, batchSize: 500 });
    for (const c of calls(7)) recorder.record(c);
    await vi.advanceTimersByTimeAsync(49);
    expect(repo.append).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(repo.append).toHaveBeenCalledTimes(1);
    expect(repo.batches[0]?.map((e) => e.requestId)).toEqual(calls(7).map((c) => c.requestId));
    expect(recorder.pending).toBe(0);
  });

  it('a full batch is written at once, without waiting for the timer', async () => {
    vi.useFakeTimers();
    const repo = fakeRepo();
    const recorder = new AuditRecorder({ repo, intervalMs: 10_000, batchSize: 100, maxQueue: 1000 });
    for (const c of calls(100)) recorder.record(c);
    await vi.advanceTimersByTimeAsync(0);
    expect(repo.batches.map((b) => b.length)).toEqual([100]);
  });

  it('flush() writes everything queued, in batches of batchSize, oldest first', async () => {
    const repo = fakeRepo();
    const recorder = new AuditRecorder({ repo, intervalMs: 10_000, batchSize: 4, maxQueue: 100 });
    for (const c of calls(10)) recorder.record(c);
    await recorder.flush();
    expect(repo.batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(repo.batches.flat().map((e) => e.requestId)).toEqual(calls(10).map((c) => c.requestId));
    expect(recorder.written).toBe(10);
    expect(recorder.pending).toBe(0);
  });

  it('each event gets its own event ID', async () => {
    const repo = fakeRepo();
    const recorder = new AuditRecorder({ repo });
    for (const c of calls(50)) recorder.record(c);
    await recorder.flush();
    const ids = repo.batches.flat().map((e) => e.eventId);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('Audit recorder: bounded queue and failed writes', () => {
  it('past maxQueue, calls are dropped and reported, not queued', async () => {
    const repo = fakeRepo();
    const dropped = vi.fn();
    const recorder = new AuditRecorder({ repo, intervalMs: 10_000, batchSize: 5, maxQueue: 5, reports: { dropped } });
    // The fifth call fills a batch and starts a write; the writes take the calls out of the queue
    // only when the write begins, so hold them back with a failing repo to keep the queue full.
    repo.failNext(100);
    for (const c of calls(5)) recorder.record(c);
    await Promise.resolve();
    for (const c of calls(3, 5)) recorder.record(c);
    expect(recorder.dropped).toBe(3);
    expect(dropped).toHaveBeenCalledWith(1);
    expect(recorder.pending).toBeLessThanOrEqual(5);
  });

  it('a failed write is reported and retried with the same event IDs (the store skips IDs it has)', async () => {
    vi.useFakeTimers();
    const repo = fakeRepo();
    const writeFailed = vi.fn();
    const recorder = new AuditRecorder({ repo, intervalMs: 50, reports: { writeFailed } });
    repo.failNext(1);
    for (const c of calls(3)) recorder.record(c);
    await vi.advanceTimersByTimeAsync(50);
    expect(writeFailed).toHaveBeenCalledTimes(1);
    const firstIds = (repo.append.mock.calls[0]?.[0] ?? []).map((e) => e.eventId);
    expect(recorder.pending).toBe(3);
    await vi.advanceTimersByTimeAsync(200);
    expect(repo.batches.map((b) => b.map((e) => e.eventId))).toEqual([firstIds]);
    expect(recorder.pending).toBe(0);
  });

  it('flush() returns even while the store keeps failing, leaving the events pending', async () => {
    const repo = fakeRepo();
    const writeFailed = vi.fn();
    const recorder = new AuditRecorder({ repo, reports: { writeFailed } });
    repo.failNext(1000);
    for (const c of calls(3)) recorder.record(c);
    await recorder.flush();
    expect(writeFailed).toHaveBeenCalled();
    expect(recorder.pending).toBe(3);
  });

  it('refuses a configuration that cannot work', () => {
    expect(() => new AuditRecorder({ repo: fakeRepo(), batchSize: 0 })).toThrow(/batchSize/);
    expect(() => new AuditRecorder({ repo: fakeRepo(), batchSize: 10, maxQueue: 5 })).toThrow(/maxQueue/);
  });
});

describe('Audit recorder over the store (SQLite)', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('events written in a batch are found by lookup, newest first, and raise no revision', async () => {
    store = await openStore({ kind: 'sqlite', path: ':memory:' });
    await store.accounts.insert({
      id: ACCOUNT,
      name: 'a',
      email: 'a@example.com',
      organizationId: undefined,
      parentId: undefined,
      status: 'ACTIVE',
      joinedMethod: 'CREATED',
      createdAt: new Date(),
    });
    const revision = await store.revision();
    const recorder = new AuditRecorder({ repo: store.auditEvents });
    for (let i = 0; i < 3; i += 1) recorder.record(call({ requestId: `req-${i}`, eventTime: new Date(Date.UTC(2025, 0, 1, 0, 0, i)) }));
    await recorder.flush();
    const page = await store.auditEvents.lookup({ maxResults: 10, accountId: ACCOUNT });
    if (!('items' in page)) throw new Error('bad marker');
    expect(page.items.map((e) => e.requestId)).toEqual(['req-2', 'req-1', 'req-0']);
    expect(page.items[0]?.event['eventName']).toBe('GetRole');
    expect(await store.revision()).toBe(revision);
  });
});
