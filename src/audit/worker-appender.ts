// Appends audit events through a worker thread that holds its own store connection (see append-worker.ts).
import { Worker } from 'node:worker_threads';
import { encodeAuditEvent, type AuditEventRecord, type AuditEventsRepo, type StoreOptions } from '../store/index.ts';

type Reply = { readonly id: number; readonly inserted: number } | { readonly id: number; readonly error: string } | { readonly ready: true };

/** An `append` that runs in a worker thread, and a way to stop it once everything is written. */
export interface WorkerAppender {
  readonly repo: Pick<AuditEventsRepo, 'append'>;
  close(): Promise<void>;
}

/** Starts the worker on the same database as the server's store. */
export function startWorkerAppender(options: StoreOptions): WorkerAppender {
  const worker = new Worker(new URL('./append-worker.ts', import.meta.url), { workerData: options });
  worker.unref();
  let next = 0;
  const waiting = new Map<number, { resolve: (n: number) => void; reject: (e: Error) => void }>();
  let failed: Error | undefined;
  worker.on('message', (reply: Reply) => {
    if ('ready' in reply) return;
    const entry = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (entry === undefined) return;
    if ('error' in reply) entry.reject(new Error(reply.error));
    else entry.resolve(reply.inserted);
  });
  worker.on('error', (err) => {
    failed = err;
    for (const entry of waiting.values()) entry.reject(err);
    waiting.clear();
  });
  return {
    repo: {
      append(events: readonly AuditEventRecord[]): Promise<number> {
        if (failed !== undefined) return Promise.reject(failed);
        const id = next++;
        return new Promise((resolve, reject) => {
          waiting.set(id, { resolve, reject });
          // Encoded here: a batch of strings crosses to the worker far cheaper than nested objects.
          worker.postMessage({ id, events: events.map(encodeAuditEvent) });
        });
      },
    },
    async close() {
      if (failed !== undefined) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      // Keep the process alive until the worker has closed its connection and exited.
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}
