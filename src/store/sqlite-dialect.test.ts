import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open-store.ts';
import { StoreInvalidMarker } from './pagination.ts';
import { openNodeSqlite } from './sqlite-dialect.ts';
import { crashWorkload } from './testing/fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'podiam-sqlite-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const node = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));
const writer = fileURLToPath(new URL('./testing/sqlite-writer.ts', import.meta.url));

function pragma(path: string, name: string, synchronous?: 'full' | 'normal'): unknown {
  const db = openNodeSqlite({ path, busyTimeoutMs: 1000, ...(synchronous !== undefined ? { synchronous } : {}) });
  try {
    const [row] = db.prepare(`pragma ${name}`).all([]);
    return typeof row === 'object' && row !== null ? Object.values(row)[0] : undefined;
  } finally {
    db.close();
  }
}

describe('SQLite is opened for durability: WAL, synchronous=FULL, foreign keys, busy timeout', () => {
  it('every connection has the settings the store relies on', () => {
    const path = join(dir, 'pragmas.db');
    expect(pragma(path, 'journal_mode')).toBe('wal');
    expect(pragma(path, 'synchronous')).toBe(2); // FULL
    expect(pragma(path, 'foreign_keys')).toBe(1);
    expect(pragma(path, 'busy_timeout')).toBe(1000);
  });

  it('only a connection that asks for it (the audit writer) commits with synchronous=NORMAL, still in WAL mode', () => {
    const path = join(dir, 'audit.db');
    expect(pragma(path, 'synchronous', 'normal')).toBe(1); // NORMAL
    expect(pragma(path, 'journal_mode', 'normal')).toBe('wal');
    expect(pragma(path, 'synchronous')).toBe(2);
  });

  it('a row referring to a missing parent is refused (foreign keys are enforced)', async () => {
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'fk.db') });
    try {
      await expect(
        store.roles.insert({
          roleId: 'AROAORPHANROLE000001',
          accountId: '999999999999',
          name: 'orphan',
          path: '/',
          assumeRolePolicy: '{}',
          description: undefined,
          maxSessionDuration: 3600,
          permissionsBoundaryArn: undefined,
          tags: [],
          createdAt: new Date(0),
        }),
      ).rejects.toMatchObject({ errcode: 787 }); // SQLITE_CONSTRAINT_FOREIGNKEY
      expect(await store.revision()).toBe(0);
    } finally {
      await store.close();
    }
  });
});

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

describe('A killed process leaves no half write (SQLite WAL: a commit is whole or absent)', () => {
  it('kill -9 during a stream of transactions: every reported commit is there whole, nothing partial', async () => {
    const path = join(dir, 'crash.db');
    const child = spawn(node, [writer, 'loop', path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let reported = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) reported = Number(line.split(' ')[1]);
        // Kill at an uneven moment after a few dozen commits, while the next is being written.
        if (reported >= 40) {
          setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 3);
        }
      });
      child.on('exit', () => reject(new Error(`writer exited before it was killed:\n${stderr}`)));
    });
    const exit = await exited;
    expect(exit.signal).toBe('SIGKILL');

    expect(pragma(path, 'integrity_check')).toBe('ok');
    const store = await openStore({ kind: 'sqlite', path });
    try {
      const users = await store.users.all(crashWorkload.accountId);
      const numbers = users.map((u) => Number(u.name.slice(1))).sort((a, b) => a - b);
      const committed = numbers.length;
      // Every commit the writer reported survived, in order, with nothing missing between.
      expect(committed).toBeGreaterThanOrEqual(reported);
      expect(numbers).toEqual(Array.from({ length: committed }, (_, i) => i + 1));
      // No transaction is there in part: each user has all its policies and audit events.
      const policies = await store.inlinePolicies.all();
      expect(policies).toHaveLength(committed * crashWorkload.policiesPerCommit);
      for (const u of users) {
        expect(policies.filter((p) => p.principalId === u.userId)).toHaveLength(crashWorkload.policiesPerCommit);
      }
      const events = await store.auditEvents.lookup({ maxResults: 100_000 });
      if (events instanceof StoreInvalidMarker) throw new Error('unexpected marker');
      expect(events.items).toHaveLength(committed * crashWorkload.eventsPerCommit);
      // One revision for the account, one per committed transaction: none counted twice or lost.
      expect(await store.revision()).toBe(1 + committed);
      // And the store takes writes again.
      const next = await store.accounts.update(crashWorkload.accountId, { name: 'after the crash' });
      expect(next?.name).toBe('after the crash');
    } finally {
      await store.close();
    }
  });
});

describe('Processes sharing one SQLite file take turns (BEGIN IMMEDIATE, busy timeout)', () => {
  it('two processes that open a new file at once migrate it once and both complete all their writes', async () => {
    const path = join(dir, 'shared.db');
    const run = (prefix: string): Promise<Exit> =>
      new Promise((resolve) => {
        const child = spawn(node, [writer, 'users', path, prefix, '25'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
      });
    const [a, b] = await Promise.all([run('a'), run('b')]);
    expect(a).toEqual({ code: 0, signal: null, stderr: '' });
    expect(b).toEqual({ code: 0, signal: null, stderr: '' });
    const store = await openStore({ kind: 'sqlite', path });
    try {
      const names = (await store.users.all()).map((u) => u.name);
      expect(names.filter((n) => n.startsWith('a'))).toHaveLength(25);
      expect(names.filter((n) => n.startsWith('b'))).toHaveLength(25);
      // One account insert succeeded, the other was refused and rolled back with its revision.
      expect(await store.revision()).toBe(1 + 50);
    } finally {
      await store.close();
    }
  });
});
