import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type SqliteDatabase,
  type SqliteStatement,
  type TransactionSettings,
} from 'kysely';

// Kysely's SQLite driver is written for better-sqlite3. It calls, and only calls:
//   db.prepare(sql) -> statement; statement.reader (does it return rows?);
//   statement.all(params[]), statement.run(params[]) -> { changes, lastInsertRowid },
//   statement.iterate(params[]); db.close().
// node:sqlite's DatabaseSync/StatementSync have the same methods, except that parameters are
// passed spread rather than as one array and `reader` is `columns().length > 0` (true for
// SELECT and for INSERT/UPDATE/DELETE … RETURNING, false for everything else).

const statementCacheSize = 256;

/** better-sqlite3's shape over node:sqlite, with a small cache of prepared statements. */
class NodeSqliteDatabase implements SqliteDatabase {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, NodeSqliteStatement>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  prepare(sql: string): SqliteStatement {
    const cached = this.#statements.get(sql);
    if (cached !== undefined) {
      // Re-insert so the map's iteration order is least-recently-used first.
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = new NodeSqliteStatement(this.#db.prepare(sql));
    this.#statements.set(sql, statement);
    if (this.#statements.size > statementCacheSize) {
      const oldest = this.#statements.keys().next();
      if (oldest.done !== true) this.#statements.delete(oldest.value);
    }
    return statement;
  }

  close(): void {
    this.#statements.clear();
    if (this.#db.isOpen) this.#db.close();
  }
}

class NodeSqliteStatement implements SqliteStatement {
  readonly reader: boolean;
  readonly #statement: StatementSync;

  constructor(statement: StatementSync) {
    this.#statement = statement;
    this.reader = statement.columns().length > 0;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.#statement.all(...bind(parameters));
  }

  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.#statement.run(...bind(parameters));
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.#statement.iterate(...bind(parameters));
  }
}

/** node:sqlite binds null, numbers, bigints, strings and bytes; booleans become 0/1. */
function bind(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map((p): SQLInputValue => {
    if (p === null || typeof p === 'number' || typeof p === 'bigint' || typeof p === 'string') return p;
    if (typeof p === 'boolean') return p ? 1 : 0;
    if (p === undefined) return null;
    if (p instanceof Uint8Array) return p;
    throw new TypeError(`cannot bind a ${typeof p} to a SQLite parameter`);
  });
}

/**
 * Kysely's driver begins every transaction with a plain (deferred) BEGIN. A deferred
 * transaction that reads and then writes can fail with SQLITE_BUSY when another process wrote
 * in between, which no busy timeout can resolve; write transactions therefore take the write
 * lock up front (BEGIN IMMEDIATE) and wait for it. Read-only transactions stay deferred: in WAL
 * mode they read one consistent snapshot without blocking the writer.
 */
class NodeSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    const begin = settings?.accessMode === 'read only' ? 'begin' : 'begin immediate';
    await connection.executeQuery(CompiledQuery.raw(begin));
  }
}

/**
 * Kysely's SQLite adapter declares no transactional DDL, so its migrator would run a migration
 * statement by statement, and a process killed half-way would leave half a schema. SQLite does
 * run DDL in transactions; declaring it makes each migration (and the check of which ones have
 * run) one BEGIN IMMEDIATE transaction, which also serialises processes migrating one file.
 */
class NodeSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** How the SQLite file is opened. */
export interface NodeSqliteOptions {
  /** File path, or ':memory:'. */
  readonly path: string;
  /** How long a statement waits for another process's lock before failing (SQLITE_BUSY). */
  readonly busyTimeoutMs: number;
  /** 'full' unless the connection writes only what may be lost on power loss (see below). */
  readonly synchronous?: 'full' | 'normal';
}

/**
 * Opens the database with the settings the store relies on:
 * - journal_mode=WAL: a commit is one append to the write-ahead log, so a process killed at any
 *   instant leaves either the whole transaction or none of it; readers do not block the writer.
 * - synchronous=FULL: the log is fsynced at every commit, so a committed transaction also
 *   survives power loss or an OS crash. NORMAL would be enough against a killed process but can
 *   lose the last commits on power loss, and the store hands out secrets (access keys) at commit
 *   and promises a revision that never goes backwards. Control-plane writes are few. The audit
 *   writer's own connection uses NORMAL: an audit event lost to a power cut loses no secret and
 *   breaks no promise (CloudTrail itself delivers events minutes late), while a WAL fsync per
 *   batch took a third of the writer thread's time, beside the requests it records.
 * - foreign_keys=ON: SQLite does not enforce references otherwise.
 * - busy_timeout: other processes (the CLI, a second server) may hold the lock briefly.
 */
export function openNodeSqlite(options: NodeSqliteOptions): SqliteDatabase {
  const db = new DatabaseSync(options.path, { enableForeignKeyConstraints: true, timeout: options.busyTimeoutMs });
  try {
    const mode = switchToWal(db, options.busyTimeoutMs);
    if (options.path !== ':memory:' && mode?.['journal_mode'] !== 'wal') {
      throw new Error(`SQLite refused WAL mode (journal_mode is ${String(mode?.['journal_mode'])})`);
    }
    db.exec(`pragma synchronous = ${options.synchronous === 'normal' ? 'normal' : 'full'}`);
    db.exec('pragma foreign_keys = on');
    db.exec(`pragma busy_timeout = ${Math.trunc(options.busyTimeoutMs)}`);
  } catch (err) {
    db.close();
    throw err;
  }
  return new NodeSqliteDatabase(db);
}

/**
 * Sets journal_mode=WAL, retrying while another process holds the lock. Switching a new file to WAL
 * takes an exclusive lock from inside a read, and SQLite answers SQLITE_BUSY at once there instead
 * of calling the busy handler (waiting could deadlock two readers that both want to upgrade), so
 * two processes opening a fresh file together need this retry; the busy timeout bounds it.
 */
function switchToWal(db: DatabaseSync, busyTimeoutMs: number): Record<string, unknown> | undefined {
  const deadline = Date.now() + busyTimeoutMs;
  for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
    try {
      return db.prepare('pragma journal_mode = wal').get();
    } catch (err) {
      if (!isBusy(err) || Date.now() >= deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
    }
  }
}

function isBusy(err: unknown): boolean {
  const code = (err as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' && (code & 0xff) === 5;
}

/** A Kysely dialect over Node's built-in node:sqlite. */
export class NodeSqliteDialect implements Dialect {
  readonly #database: SqliteDatabase;

  constructor(database: SqliteDatabase) {
    this.#database = database;
  }

  createDriver(): Driver {
    return new NodeSqliteDriver({ database: this.#database });
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): SqliteAdapter {
    return new NodeSqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
