// The digests S3 computes over a request body while it streams: the MD5 (the ETag of an object
// written whole, and what Content-MD5 is checked against), the SHA-256 of a signed payload, and a
// flexible checksum. A large body is hashed on a worker thread (digest-thread.ts), beside the thread
// that receives it and writes it to disk: MD5 alone costs ~1.4 s of CPU per GiB here, which hashed
// inline came on top of the socket and file work instead of beside it. Small bodies are hashed
// inline, where a message to another thread would cost more than the hashing.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChecksumAlgorithm } from '../aws/index.ts';
import { BodyDigests, type BodyDigestValues } from './body-digests.ts';
import type { DigestReply, DigestRequest } from './digest-messages.ts';

export type { BodyDigestValues } from './body-digests.ts';

/** Which digests a body needs, and how long it says it is. */
export interface BodyDigestOptions {
  readonly sha256: boolean;
  readonly checksum: ChecksumAlgorithm | undefined;
  readonly expectedLength: number | undefined;
}

/** Digests of one body, fed in order. */
export interface BodyDigester {
  /** Takes the next bytes (copied or hashed at once); a promise when the caller should wait for the hashing to catch up. */
  update(chunk: Uint8Array): Promise<void> | undefined;
  /** The digests of everything given. Once, after the last update. */
  digests(): Promise<BodyDigestValues> | BodyDigestValues;
  /** Drops the work (the body was abandoned before its end). */
  cancel(): void;
}

/** Bodies at least this long are hashed off the receiving thread. */
export const OFF_THREAD_MIN_BYTES = 8 << 20;
/** Bytes sent to the worker per message. */
const STAGE_BYTES = 1 << 20;
/** Bytes sent but not yet hashed before the body waits for the worker. */
const MAX_BEHIND_BYTES = 8 << 20;

/** Starts the digests of a body: off-thread when it says it is large, inline otherwise. */
export function startBodyDigests(options: BodyDigestOptions): BodyDigester {
  if (options.expectedLength === undefined || options.expectedLength < OFF_THREAD_MIN_BYTES) return new InlineDigester(options);
  return digestThreads.start(options);
}

class InlineDigester implements BodyDigester {
  readonly #digests: BodyDigests;

  constructor(options: BodyDigestOptions) {
    this.#digests = new BodyDigests(options.sha256, options.checksum);
  }

  update(chunk: Uint8Array): undefined {
    this.#digests.update(chunk);
    return undefined;
  }

  digests(): BodyDigestValues {
    return this.#digests.values();
  }

  cancel(): void {}
}

/** One worker thread and the jobs it is hashing. */
class DigestThread {
  readonly #worker: Worker;
  readonly #jobs = new Map<number, OffThreadDigester>();
  #failure: Error | undefined;

  constructor() {
    this.#worker = new Worker(new URL('./digest-thread.ts', import.meta.url));
    this.#worker.on('message', (reply: DigestReply) => this.#jobs.get(reply.job)?.receive(reply));
    const fail = (err: Error) => {
      this.#failure ??= err;
      for (const job of this.#jobs.values()) job.fail(err);
      this.#jobs.clear();
      this.#worker.unref();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`the digest thread exited (code ${code})`)));
    // Idle, it must not keep the process alive (a job in flight is awaited by its request). After the
    // listeners: adding a 'message' listener refs the worker's port again.
    this.#worker.unref();
  }

  get usable(): boolean {
    return this.#failure === undefined;
  }

  get jobs(): number {
    return this.#jobs.size;
  }

  /** While it has jobs the thread keeps the process alive (their answers are awaited); idle, it does not. */
  attach(id: number, job: OffThreadDigester): void {
    this.#jobs.set(id, job);
    if (this.#jobs.size === 1) this.#worker.ref();
  }

  detach(id: number): void {
    if (this.#jobs.delete(id) && this.#jobs.size === 0) this.#worker.unref();
  }

  post(message: DigestRequest, transfer?: ArrayBuffer[]): void {
    this.#worker.postMessage(message, transfer);
  }

  /** Ends the thread at once, as a crash would: its jobs fail. */
  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }
}

/** The worker threads, started on first use: one fewer than the cores (at least one, at most four). */
class DigestThreads {
  #threads: DigestThread[] = [];
  readonly #size = Math.max(1, Math.min(4, availableParallelism() - 1));
  #nextJob = 0;

  start(options: BodyDigestOptions): BodyDigester {
    this.#threads = this.#threads.filter((t) => t.usable);
    let thread = this.#threads.reduce<DigestThread | undefined>((best, t) => (best === undefined || t.jobs < best.jobs ? t : best), undefined);
    if (thread === undefined || (thread.jobs > 0 && this.#threads.length < this.#size)) {
      thread = new DigestThread();
      this.#threads.push(thread);
    }
    return new OffThreadDigester(thread, this.#nextJob++, options);
  }

  async terminate(): Promise<void> {
    await Promise.all(this.#threads.splice(0).map((t) => t.terminate()));
  }
}

const digestThreads = new DigestThreads();

/** Test seam: ends every digest thread as a crash would, failing the bodies they were hashing. */
export function terminateDigestThreads(): Promise<void> {
  return digestThreads.terminate();
}

/**
 * Copies the body into 1 MiB buffers that are transferred to the worker (not copied again) and
 * transferred back once hashed, to be filled again.
 */
class OffThreadDigester implements BodyDigester {
  readonly #thread: DigestThread;
  readonly #id: number;
  readonly #spare: ArrayBuffer[] = [];
  #stage: Uint8Array = new Uint8Array(STAGE_BYTES);
  #filled = 0;
  #sent = 0;
  #hashed = 0;
  #failure: Error | undefined;
  #caughtUp: { resolve: () => void; reject: (err: Error) => void } | undefined;
  #result: { resolve: (values: BodyDigestValues) => void; reject: (err: Error) => void } | undefined;
  #finished = false;

  constructor(thread: DigestThread, id: number, options: BodyDigestOptions) {
    this.#thread = thread;
    this.#id = id;
    thread.attach(id, this);
    thread.post({ op: 'start', job: id, sha256: options.sha256, checksum: options.checksum });
  }

  update(chunk: Uint8Array): Promise<void> | undefined {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    let offset = 0;
    while (offset < chunk.length) {
      const n = Math.min(STAGE_BYTES - this.#filled, chunk.length - offset);
      this.#stage.set(chunk.subarray(offset, offset + n), this.#filled);
      this.#filled += n;
      offset += n;
      if (this.#filled === STAGE_BYTES) this.#send();
    }
    if (this.#sent - this.#hashed <= MAX_BEHIND_BYTES) return undefined;
    return new Promise((resolve, reject) => (this.#caughtUp = { resolve, reject }));
  }

  digests(): Promise<BodyDigestValues> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    this.#send();
    this.#finished = true;
    const result = new Promise<BodyDigestValues>((resolve, reject) => (this.#result = { resolve, reject }));
    this.#thread.post({ op: 'end', job: this.#id });
    return result;
  }

  cancel(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#thread.detach(this.#id);
    if (this.#failure === undefined) this.#thread.post({ op: 'cancel', job: this.#id });
  }

  /** A reply of the worker for this job. */
  receive(reply: DigestReply): void {
    if (reply.op === 'hashed') {
      this.#hashed += reply.length;
      this.#spare.push(reply.bytes);
      if (this.#caughtUp !== undefined && this.#sent - this.#hashed <= MAX_BEHIND_BYTES / 2) {
        const waiting = this.#caughtUp;
        this.#caughtUp = undefined;
        waiting.resolve();
      }
      return;
    }
    this.#thread.detach(this.#id);
    const { md5, sha256, checksum } = reply;
    this.#result?.resolve({ md5, sha256, checksum });
  }

  /** The worker died: whoever waits learns it. */
  fail(err: Error): void {
    this.#failure = err;
    this.#caughtUp?.reject(err);
    this.#result?.reject(err);
  }

  #send(): void {
    if (this.#filled === 0) return;
    const bytes = this.#stage.buffer as ArrayBuffer;
    this.#thread.post({ op: 'data', job: this.#id, bytes, length: this.#filled }, [bytes]);
    this.#sent += this.#filled;
    const spare = this.#spare.pop();
    this.#stage = new Uint8Array(spare ?? new ArrayBuffer(STAGE_BYTES));
    this.#filled = 0;
  }
}
