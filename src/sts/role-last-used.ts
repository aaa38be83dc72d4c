// RoleLastUsed (IAM API Reference, "RoleLastUsed"): when and in which region a role was last assumed.
// AWS reports it with a delay; podiam writes it at most once a minute per role, off the request path,
// so credential vending never waits on the database.
import type { Store } from '../store/index.ts';

const MIN_INTERVAL_MS = 60_000;

/** Records role use, throttled per role. */
export class RoleUseRecorder {
  readonly #lastWritten = new Map<string, number>();
  readonly #onError: (err: unknown) => void;

  constructor(onError: (err: unknown) => void = () => undefined) {
    this.#onError = onError;
  }

  /** Notes that `roleId` was used at `at` in `region`; writes when the last write is older than a minute. */
  note(store: Store, roleId: string, at: Date, region: string): void {
    const last = this.#lastWritten.get(roleId);
    if (last !== undefined && at.getTime() - last < MIN_INTERVAL_MS) return;
    this.#lastWritten.set(roleId, at.getTime());
    store.roles.recordUse(roleId, { at, region }).catch(this.#onError);
  }
}
