import pg from 'pg';
import { PostgresDialect } from 'kysely';

/** How the PostgreSQL pool is built. */
export interface PostgresOptions {
  readonly connectionString: string;
  /** Connections in the pool (pg's default is 10). */
  readonly maxConnections?: number;
  /** Errors of idle pooled connections (a restarted server); the pool drops the connection. */
  readonly onIdleError?: (err: Error) => void;
}

/**
 * A Kysely dialect over a `pg` pool. The schema uses only text and int4 columns, which pg
 * returns as strings and numbers, so no type parsers are needed; counts are cast to int4 in SQL.
 */
export function postgresDialect(options: PostgresOptions): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
  });
  // Without a listener, an error on an idle client would be an unhandled 'error' event and end
  // the process.
  pool.on('error', (err) => options.onIdleError?.(err));
  return { dialect: new PostgresDialect({ pool }), pool };
}
