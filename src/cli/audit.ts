// `podiam audit lookup`: the CloudTrail events podiam recorded, newest first, as JSON lines — by
// principal, role, event name, error and time, as CloudTrail's LookupEvents filters them. It opens the
// store directly; SQLite in WAL mode lets it read beside a running server.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore, StoreInvalidMarker, type AuditLookup, type Store } from '../store/index.ts';
import type { Command } from './commands.ts';
import { writeErr, writeOut } from './io.ts';

const USAGE = `Usage: podiam audit lookup [--principal ARN] [--role ARN] [--event-name NAME] [--event-source SOURCE]
                           [--error-code CODE | --errors-only] [--access-key-id AKID]
                           [--start-time ISO8601] [--end-time ISO8601] [--max-results N]
                           [--data-dir DIR | --database-url postgres://...]

Prints the recorded CloudTrail events that match every filter given, newest first, one JSON event per
line (default 50 events). --principal is the caller's ARN (an assumed-role session ARN for role
sessions); --role is a role ARN (path included) and matches calls by any session of the role, and calls
that named the role as their resource (CreateRole, AssumeRole, ...) when the caller was not itself a role
session. Times include both ends. The store is DIR/podiam.db (default ./.podiam, or
PODIAM_DATA_DIR), or PostgreSQL at --database-url (or PODIAM_DATABASE_URL).
`;

const DEFAULT_MAX_RESULTS = 50;
const MAX_RESULTS_LIMIT = 100_000;
const PAGE = 500;

/** The lookup a command line asks for. */
export interface AuditLookupRequest {
  readonly filters: Omit<AuditLookup, 'maxResults' | 'nextToken'>;
  readonly errorsOnly: boolean;
  readonly maxResults: number;
  readonly store: { kind: 'sqlite'; path: string } | { kind: 'postgres'; connectionString: string };
}

/** Parses `podiam audit lookup` arguments; a string is the usage error to print. */
export function parseLookupArgs(argv: readonly string[], env: NodeJS.ProcessEnv): AuditLookupRequest | string {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        principal: { type: 'string' },
        role: { type: 'string' },
        'event-name': { type: 'string' },
        'event-source': { type: 'string' },
        'error-code': { type: 'string' },
        'errors-only': { type: 'boolean' },
        'access-key-id': { type: 'string' },
        'start-time': { type: 'string' },
        'end-time': { type: 'string' },
        'max-results': { type: 'string' },
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    return (err as Error).message;
  }
  const text = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' ? v : undefined;
  };
  const time = (name: string): Date | undefined | string => {
    const v = text(name);
    if (v === undefined) return undefined;
    // ISO 8601 dates and times, as CloudTrail's StartTime/EndTime take them.
    if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) || Number.isNaN(Date.parse(v))) {
      return `--${name}: '${v}' is not an ISO 8601 time (e.g. 2025-01-15T12:00:00Z)`;
    }
    return new Date(Date.parse(v));
  };
  const startTime = time('start-time');
  if (typeof startTime === 'string') return startTime;
  const endTime = time('end-time');
  if (typeof endTime === 'string') return endTime;
  if (startTime !== undefined && endTime !== undefined && startTime > endTime) return '--start-time is after --end-time';
  const maxText = text('max-results');
  const maxResults = maxText === undefined ? DEFAULT_MAX_RESULTS : Number(maxText);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_RESULTS_LIMIT) return `--max-results must be an integer from 1 to ${MAX_RESULTS_LIMIT}`;
  const errorCode = text('error-code');
  if (errorCode !== undefined && values['errors-only'] === true) return '--error-code and --errors-only exclude each other';
  const databaseUrl = text('database-url') ?? (env['PODIAM_DATABASE_URL'] !== '' ? env['PODIAM_DATABASE_URL'] : undefined);
  const dataDir = text('data-dir') ?? (env['PODIAM_DATA_DIR'] !== undefined && env['PODIAM_DATA_DIR'] !== '' ? env['PODIAM_DATA_DIR'] : './.podiam');
  return {
    filters: {
      ...(startTime !== undefined ? { startTime } : {}),
      ...(endTime !== undefined ? { endTime } : {}),
      principalArn: text('principal'),
      roleArn: text('role'),
      eventName: text('event-name'),
      eventSource: text('event-source'),
      errorCode,
      accessKeyId: text('access-key-id'),
    },
    errorsOnly: values['errors-only'] === true,
    maxResults,
    store: databaseUrl !== undefined ? { kind: 'postgres', connectionString: databaseUrl } : { kind: 'sqlite', path: join(dataDir, 'podiam.db') },
  };
}

/** Runs a lookup, handing each event (newest first) to `emit`; returns how many matched. */
export async function lookupEvents(store: Store, request: Pick<AuditLookupRequest, 'filters' | 'errorsOnly' | 'maxResults'>, emit: (event: object) => void): Promise<number> {
  let emitted = 0;
  let nextToken: string | undefined;
  do {
    const want = request.errorsOnly ? PAGE : Math.min(PAGE, request.maxResults - emitted);
    const page = await store.auditEvents.lookup({ ...request.filters, maxResults: want, ...(nextToken !== undefined ? { nextToken } : {}) });
    if (page instanceof StoreInvalidMarker) throw new Error('the store refused its own page marker');
    for (const record of page.items) {
      if (request.errorsOnly && record.errorCode === undefined) continue;
      emit(record.event);
      emitted += 1;
      if (emitted >= request.maxResults) return emitted;
    }
    nextToken = page.marker;
  } while (nextToken !== undefined);
  return emitted;
}

async function lookup(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    writeOut(USAGE);
    return 0;
  }
  const request = parseLookupArgs(argv, process.env);
  if (typeof request === 'string') {
    writeErr(`podiam audit lookup: ${request}\n\n${USAGE}`);
    return 2;
  }
  if (request.store.kind === 'sqlite' && !existsSync(request.store.path)) {
    writeErr(`podiam audit lookup: no podiam database at ${request.store.path} (use --data-dir DIR or --database-url)\n`);
    return 1;
  }
  const store = await openStore(request.store);
  try {
    const lines: string[] = [];
    await lookupEvents(store, request, (event) => {
      lines.push(JSON.stringify(event));
      if (lines.length >= 100) writeOut(`${lines.splice(0).join('\n')}\n`);
    });
    if (lines.length > 0) writeOut(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

export const auditCommand: Command = {
  name: 'audit',
  summary: 'look up the CloudTrail-format events of the calls podiam served',
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'lookup') return lookup(rest);
    const text = `Usage: podiam audit lookup [options]\n\n  lookup      print recorded CloudTrail events as JSON lines, newest first\n`;
    if (sub === undefined || sub === '--help' || sub === '-h') {
      writeOut(text);
      return sub === undefined ? 1 : 0;
    }
    writeErr(`podiam audit: unknown subcommand '${sub}'\n\n${text}`);
    return 2;
  },
};
