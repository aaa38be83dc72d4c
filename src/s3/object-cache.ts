// Object metadata (and the bytes of small objects) kept in memory for reads, when this process is
// the only writer of its objects (SQLite: one `podiam serve` per data directory). Every write of an
// object goes through this process's S3 door, which forgets the key before and after writing; a read
// that raced a write does not store what it read (a write counter tells), so a cached entry is never
// older than the last committed write. Bounded by entries and by bytes: past either, it starts afresh.
import type { S3Object } from '../store/index.ts';

const MAX_ENTRIES = 20_000;
const MAX_BYTES = 32 * 1024 * 1024;

/** Reads objects through the cache. */
export interface ObjectReader {
  get(bucket: string, key: string): Promise<S3Object | undefined>;
  /** Forgets a key (call before and after writing it). */
  forget(bucket: string, key: string): void;
}

/** A cache over a loader. */
export class ObjectCache implements ObjectReader {
  readonly #load: (bucket: string, key: string) => Promise<S3Object | undefined>;
  #entries = new Map<string, S3Object | null>();
  #bytes = 0;
  #writes = 0;

  constructor(load: (bucket: string, key: string) => Promise<S3Object | undefined>) {
    this.#load = load;
  }

  async get(bucket: string, key: string): Promise<S3Object | undefined> {
    const id = `${bucket}/${key}`;
    const known = this.#entries.get(id);
    if (known !== undefined) return known ?? undefined;
    const writes = this.#writes;
    const loaded = await this.#load(bucket, key);
    if (writes === this.#writes) {
      const size = loaded?.data?.byteLength ?? 0;
      if (this.#entries.size >= MAX_ENTRIES || this.#bytes + size > MAX_BYTES) {
        this.#entries = new Map();
        this.#bytes = 0;
      }
      this.#entries.set(id, loaded ?? null);
      this.#bytes += size;
    }
    return loaded;
  }

  forget(bucket: string, key: string): void {
    this.#writes += 1;
    const id = `${bucket}/${key}`;
    const known = this.#entries.get(id);
    if (known !== undefined) {
      this.#bytes -= known?.data?.byteLength ?? 0;
      this.#entries.delete(id);
    }
  }
}

/** No cache: every read goes to the store (several processes write the same objects: PostgreSQL). */
export function uncachedObjects(load: (bucket: string, key: string) => Promise<S3Object | undefined>): ObjectReader {
  return { get: load, forget: () => undefined };
}
