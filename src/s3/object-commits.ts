// Group commit of object writes: the writes that arrive while one batch commits share the next
// transaction, so concurrent PutObjects pay for one durable commit (SQLite's WAL fsync) together
// instead of one each. Order is kept: batches run one at a time, writes in arrival order. A batch
// that fails is retried write by write, so one bad write fails alone.
import type { BlobRef, S3Object, S3ObjectsRepo } from '../store/index.ts';

interface Waiting {
  readonly object: S3Object;
  resolve(previous: readonly BlobRef[] | undefined): void;
  reject(err: unknown): void;
}

const MAX_BATCH = 256;

/** The commit queue of one server. */
export class ObjectCommits {
  readonly #repo: S3ObjectsRepo;
  #pending: Waiting[] = [];
  #running = false;

  constructor(repo: S3ObjectsRepo) {
    this.#repo = repo;
  }

  /** Creates or replaces an object; resolves with the files of the replaced version (undefined: the bucket is gone). */
  put(object: S3Object): Promise<readonly BlobRef[] | undefined> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ object, resolve, reject });
      if (!this.#running) {
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending.slice(0, MAX_BATCH);
      this.#pending = this.#pending.slice(batch.length);
      try {
        const results = await this.#repo.put(batch.map((w) => w.object));
        batch.forEach((w, i) => w.resolve(results[i]));
      } catch {
        for (const w of batch) {
          try {
            const [result] = await this.#repo.put([w.object]);
            w.resolve(result);
          } catch (err) {
            w.reject(err);
          }
        }
      }
    }
    this.#running = false;
  }
}
