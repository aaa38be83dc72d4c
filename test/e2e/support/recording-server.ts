// `podiam serve` in the test's own process, as composed, except that every call's record lands in an
// array the test reads instead of the audit trail: for tests that check what a call records.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { CallRecord } from '../../../src/api/index.ts';
import { composeServer } from '../../../src/cli/compose.ts';
import { parseServeConfig, startServer, type RunningServer } from '../../../src/server/index.ts';

/** Starts the server on a free loopback port with a fresh data directory named `prefix…`. */
export async function startRecordingServer(prefix: string, accountId: string, records: CallRecord[]): Promise<{ server: RunningServer; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const config = parseServeConfig({ listen: '127.0.0.1:0', dataDir, accountId, logLevel: 'silent' });
  if (!config.ok) throw new Error(config.messages.join('; '));
  const parts = { ...composeServer(), recorder: () => ({ record: (r: CallRecord) => void records.push(r), flush: async () => undefined }) };
  return { server: await startServer(config.config, parts, pino({ level: 'silent' })), dataDir };
}
