import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, chownSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

// A throwaway PostgreSQL cluster for tests: initdb into a temporary directory, one server on a
// free loopback port, a fresh database per test, everything removed on stop. PostgreSQL refuses
// to run as root; as root, the cluster belongs to an unprivileged user (`nobody`).

/** Where the PostgreSQL server binaries are. */
export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

/** A running throwaway cluster. */
export interface TestPostgres {
  /** Creates an empty database and returns its connection string. */
  createDatabase(): Promise<string>;
  /** Stops the server and removes its files. */
  stop(): Promise<void>;
}

/**
 * Finds `initdb` and `postgres`: $PODIAM_PG_BIN, then the directories of PATH, then the
 * usual install locations (Debian's /usr/lib/postgresql/<version>/bin, newest first).
 */
export function findPostgresBinaries(): PostgresBinaries | undefined {
  const candidates: string[] = [];
  const fromEnv = process.env['PODIAM_PG_BIN'];
  if (fromEnv !== undefined && fromEnv !== '') candidates.push(fromEnv);
  candidates.push(...(process.env['PATH'] ?? '').split(delimiter).filter((d) => d !== ''));
  for (const root of ['/usr/lib/postgresql', '/usr/pgsql']) {
    if (!existsSync(root)) continue;
    const versions = readdirSync(root).sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    candidates.push(...versions.map((v) => join(root, v, 'bin')));
  }
  candidates.push('/usr/local/pgsql/bin', '/opt/homebrew/bin', '/usr/local/opt/postgresql/bin');
  for (const dir of candidates) {
    const initdb = join(dir, 'initdb');
    const postgres = join(dir, 'postgres');
    if (existsSync(initdb) && existsSync(postgres)) return { initdb, postgres };
  }
  return undefined;
}

/** The message printed when the PostgreSQL variant of a suite is skipped. */
export const postgresMissingMessage =
  'PostgreSQL server binaries (initdb, postgres) not found: the PostgreSQL variant of the store tests is SKIPPED. ' +
  'Install them (Debian/Ubuntu: apt-get install -y postgresql-15, or any postgresql-NN) or set PODIAM_PG_BIN.';

interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

/** The unprivileged user the server runs as when we are root; undefined when we are not root. */
function unprivilegedUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const findUser = (name: string): RunAs | undefined => {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}:`));
    const [, , uid, gid] = line?.split(':') ?? [];
    return uid === undefined || gid === undefined ? undefined : { uid: Number(uid), gid: Number(gid) };
  };
  const existing = findUser('nobody') ?? findUser('podiam-pg');
  if (existing !== undefined) return existing;
  spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'podiam-pg'], { stdio: 'ignore' });
  const created = findUser('podiam-pg');
  if (created === undefined) throw new Error('running as root and no unprivileged user for PostgreSQL (nobody, podiam-pg)');
  return created;
}

function run(command: string, args: readonly string[], runAs: RunAs | undefined): void {
  const result = spawnSync(command, args, { encoding: 'utf8', ...runAs });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${String(result.status)}): ${result.stderr}${result.error?.message ?? ''}`);
  }
}

/**
 * Where clusters live: /dev/shm (memory) when there is one, where copying a data directory takes
 * ~50 ms instead of most of a second on a slow disk; the system temporary directory otherwise.
 */
function scratchRoot(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

function makeDir(prefix: string, runAs: RunAs | undefined): string {
  const dir = mkdtempSync(join(scratchRoot(), prefix));
  if (runAs !== undefined) chownSync(dir, runAs.uid, runAs.gid);
  return dir;
}

/**
 * An initialised, never-started data directory, made once per machine and binary and then
 * copied for each cluster (copying is several times faster than initdb). Concurrent test files
 * race to rename their initdb result into place; the first wins, the others discard theirs.
 */
function templateDataDir(binaries: PostgresBinaries, runAs: RunAs | undefined): string {
  const key = createHash('sha256').update(`v2\0${binaries.initdb}\0${String(runAs?.uid ?? process.getuid?.())}`).digest('hex').slice(0, 12);
  const template = join(scratchRoot(), `podiam-pg-template-${key}`);
  if (existsSync(join(template, 'data', 'PG_VERSION'))) return join(template, 'data');
  const building = makeDir('podiam-pg-initdb-', runAs);
  // A 1 MB WAL segment instead of 16 MB: a smaller directory to copy.
  run(binaries.initdb, ['-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--wal-segsize=1', '-D', join(building, 'data')], runAs);
  try {
    renameSync(building, template);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return join(template, 'data');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(server: ChildProcess, connectionString: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`postgres exited (${String(server.exitCode ?? server.signalCode)}):\n${log()}`);
    }
    const client = new pg.Client({ connectionString });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 20 s:\n${log()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * Starts a throwaway cluster, or returns undefined (after printing why) when no PostgreSQL
 * binaries are installed. Durability is switched off (fsync, synchronous_commit): the data is
 * thrown away, and the store's own crash safety is tested on SQLite.
 */
export async function startTestPostgres(): Promise<TestPostgres | undefined> {
  const binaries = findPostgresBinaries();
  if (binaries === undefined) {
    console.warn(postgresMissingMessage);
    return undefined;
  }
  const runAs = unprivilegedUser();
  const template = templateDataDir(binaries, runAs);
  const root = makeDir('podiam-pg-', runAs);
  const dataDir = join(root, 'data');
  run('cp', ['-a', template, dataDir], runAs);

  const port = await freePort();
  let output = '';
  const server = spawn(
    binaries.postgres,
    ['-D', dataDir, '-k', root, '-p', String(port), '-h', '127.0.0.1',
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    { stdio: ['ignore', 'pipe', 'pipe'], ...runAs },
  );
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // If the test process dies without stopping us, take the server down with it.
  const killOnExit = (): void => {
    server.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const base = `postgres://postgres@127.0.0.1:${port}`;
  try {
    await waitUntilReady(server, `${base}/postgres`, () => output);
  } catch (err) {
    server.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
    throw err;
  }

  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  let databases = 0;
  // Test databases sort text by ICU's en-US rules where the server has ICU, as many production
  // databases do, so that tests prove the store's order does not depend on the server's locale.
  let icu = true;
  return {
    async createDatabase() {
      databases += 1;
      const name = `podiam_test_${databases}`;
      if (icu) {
        try {
          await admin.query(`create database ${name} template template0 locale_provider icu icu_locale 'en-US'`);
          return `${base}/${name}`;
        } catch {
          icu = false;
        }
      }
      await admin.query(`create database ${name}`);
      return `${base}/${name}`;
    },
    async stop() {
      await admin.end().catch(() => undefined);
      process.off('exit', killOnExit);
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGINT'); // fast shutdown
        const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
