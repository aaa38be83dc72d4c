// Keeps the current compiled snapshot: rebuilt after this process's writes, and when another replica's
// writes move the store's revision (polled), so hot paths always read memory.
import { buildSnapshot, PolicyMemo, type IamSnapshot } from '../identity/index.ts';
import type { Store } from '../store/index.ts';

/** The live snapshot and how to refresh it. */
export class SnapshotHolder {
  readonly #store: Store;
  readonly #memo = new PolicyMemo();
  #current: IamSnapshot;
  #building: Promise<IamSnapshot> | undefined;
  #timer: NodeJS.Timeout | undefined;

  private constructor(store: Store, first: IamSnapshot) {
    this.#store = store;
    this.#current = first;
  }

  /** Builds the first snapshot. */
  static async open(store: Store): Promise<SnapshotHolder> {
    const holder = new SnapshotHolder(store, undefined as unknown as IamSnapshot);
    holder.#current = await buildSnapshot(store, holder.#memo);
    return holder;
  }

  get current(): IamSnapshot {
    return this.#current;
  }

  /** Rebuilds now (after a write); concurrent callers share one build that starts after their write. */
  async refresh(): Promise<IamSnapshot> {
    const previous = this.#building;
    const build = (async () => {
      if (previous !== undefined) await previous.catch(() => undefined);
      const next = await buildSnapshot(this.#store, this.#memo);
      if (next.revision >= this.#current.revision) this.#current = next;
      return this.#current;
    })();
    this.#building = build;
    try {
      return await build;
    } finally {
      if (this.#building === build) this.#building = undefined;
    }
  }

  /** Polls the store's revision and rebuilds when another process wrote. */
  watch(intervalMs: number, onError: (err: unknown) => void): void {
    this.#timer = setInterval(() => {
      void this.#store
        .revision()
        .then((revision) => (revision !== this.#current.revision ? this.refresh() : undefined))
        .catch(onError);
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
  }
}
