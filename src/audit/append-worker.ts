// The audit writer's thread: its own store connection, so that encoding events and the database's
// inserts and commits (synchronous in node:sqlite) never hold up the request path.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore, type EncodedAuditEvent, type StoreOptions } from '../store/index.ts';

interface AppendMessage {
  readonly id: number;
  readonly events: readonly EncodedAuditEvent[];
}

const port = parentPort;
if (port === null) throw new Error('append-worker.ts runs only as a worker thread');
// Audit events may be lost to a power cut (not to a killed process): see openNodeSqlite.
const options = workerData as StoreOptions;
const store = await openStore(options.kind === 'sqlite' ? { ...options, synchronous: 'normal' } : options);
port.on('message', (message: AppendMessage | 'close') => {
  if (message === 'close') {
    void store.close().finally(() => process.exit(0));
    return;
  }
  store.auditEvents.appendEncoded(message.events).then(
    (inserted) => port.postMessage({ id: message.id, inserted }),
    (err: unknown) => port.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
port.postMessage({ ready: true });
