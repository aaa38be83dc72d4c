// The audit writer: the server hands it every finished call, and it writes the calls' CloudTrail events
// to the store in batches, off the request path. A call only joins a queue (events are built when their
// batch is written); a batch goes out every `intervalMs`, or at once when `batchSize` calls wait, in one
// transaction. The queue is bounded: past `maxQueue` waiting calls, new ones are counted as dropped and
// reported, so a stalled database cannot exhaust memory. `flush()` writes whatever waits (shutdown).
import { randomUUID } from 'node:crypto';
import type { CallRecord, CallRecorder } from '../api/index.ts';
import type { AuditEventRecord, AuditEventsRepo } from '../store/index.ts';
import { auditEventRecordOf } from './build-event.ts';
import { cloudTrailEventsOf } from './deliveries.ts';

/** How the recorder reports trouble (a logger, in the server). */
export interface AuditRecorderReports {
  /** A batch could not be written; its events are kept for the next attempt (within the bound). */
  writeFailed(err: unknown, events: number): void;
  /** Calls were dropped because the queue was full; `total` counts every drop so far. */
  dropped(total: number): void;
  /** A call's event could not be built (a bug); the call is skipped. */
  buildFailed(err: unknown, requestId: string): void;
}

/** Options of {@link AuditRecorder}. */
export interface AuditRecorderOptions {
  readonly repo: Pick<AuditEventsRepo, 'append'>;
  readonly reports?: Partial<AuditRecorderReports>;
  /** Longest a call waits before its batch is written; default 50 ms. */
  readonly intervalMs?: number;
  /** Calls per batch (and the count that triggers a write at once); default 500. */
  readonly batchSize?: number;
  /** Most calls (and unwritten events) held; default 20,000. */
  readonly maxQueue?: number;
  readonly newEventId?: () => string;
}

/** Queues calls and writes their events in batches. */
export class AuditRecorder {
  readonly #repo: Pick<AuditEventsRepo, 'append'>;
  readonly #reports: Partial<AuditRecorderReports>;
  readonly #intervalMs: number;
  readonly #batchSize: number;
  readonly #maxQueue: number;
  readonly #newEventId: () => string;
  #calls: CallRecord[] = [];
  /** Events built but not yet written (a failed batch), written before newer calls. */
  #unwritten: AuditEventRecord[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> | undefined;
  #dropped = 0;
  #written = 0;
  /** Consecutive failed writes: the retry waits twice as long after each, up to 5 s. */
  #failures = 0;

  constructor(options: AuditRecorderOptions) {
    this.#repo = options.repo;
    this.#reports = options.reports ?? {};
    this.#intervalMs = options.intervalMs ?? 50;
    this.#batchSize = options.batchSize ?? 500;
    this.#maxQueue = options.maxQueue ?? 20_000;
    this.#newEventId = options.newEventId ?? randomUUID;
    if (this.#batchSize < 1 || this.#maxQueue < this.#batchSize || this.#intervalMs < 0) {
      throw new Error('audit recorder: need batchSize >= 1, maxQueue >= batchSize and intervalMs >= 0');
    }
  }

  /** The server's recorder: queues the call; never throws, never waits. */
  readonly record: CallRecorder = (call) => {
    if (this.#calls.length + this.#unwritten.length >= this.#maxQueue) {
      this.#dropped += 1;
      // Report the first drop and then every thousandth, not every one.
      if (this.#dropped === 1 || this.#dropped % 1000 === 0) this.#reports.dropped?.(this.#dropped);
      return;
    }
    this.#calls.push(call);
    if (this.#calls.length >= this.#batchSize) this.#startWrite();
    else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#startWrite();
      }, this.#intervalMs);
      this.#timer.unref();
    }
  };

  /** Calls waiting to be written (queued and unwritten). */
  get pending(): number {
    return this.#calls.length + this.#unwritten.length;
  }

  /** Calls dropped because the queue was full. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Events written so far. */
  get written(): number {
    return this.#written;
  }

  /** Writes everything queued now, waiting for any write in flight; rejects only never (failures are reported). */
  async flush(): Promise<void> {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    // One pass over what waits: a failed batch stays unwritten (reported) rather than spinning here.
    let budget = Math.ceil(this.pending / this.#batchSize) + 1;
    while (this.pending > 0 && budget > 0) {
      budget -= 1;
      const before = this.pending;
      this.#startWrite();
      await this.#writing;
      if (this.pending >= before) break;
    }
    await this.#writing;
  }

  #startWrite(): void {
    if (this.#writing !== undefined) return;
    const run = this.#writeBatches().finally(() => {
      this.#writing = undefined;
      // Calls that arrived while writing wait for the next tick of the timer.
      if (this.pending > 0 && this.#timer === undefined) {
        const delay = Math.min(5000, this.#intervalMs * 2 ** this.#failures);
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#startWrite();
        }, delay);
        this.#timer.unref();
      }
    });
    this.#writing = run;
  }

  async #writeBatches(): Promise<void> {
    while (this.pending > 0) {
      const batch = this.#takeBatch();
      if (batch.length === 0) continue;
      try {
        await this.#repo.append(batch);
        this.#written += batch.length;
        this.#failures = 0;
      } catch (err) {
        // Keep the built events (their IDs make a retry idempotent), oldest first, within the bound.
        const room = Math.max(0, this.#maxQueue - this.#calls.length - this.#unwritten.length);
        const kept = batch.slice(0, room);
        this.#dropped += batch.length - kept.length;
        this.#unwritten = [...kept, ...this.#unwritten];
        this.#failures = Math.min(this.#failures + 1, 10);
        this.#reports.writeFailed?.(err, batch.length);
        return;
      }
    }
  }

  #takeBatch(): AuditEventRecord[] {
    const batch = this.#unwritten.splice(0, this.#batchSize);
    const calls = this.#calls.splice(0, this.#batchSize - batch.length);
    for (const call of calls) {
      try {
        for (const event of cloudTrailEventsOf(call, this.#newEventId)) batch.push(auditEventRecordOf(event, call));
      } catch (err) {
        this.#reports.buildFailed?.(err, call.requestId);
      }
    }
    return batch;
  }
}
