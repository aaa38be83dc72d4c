// Time for the credential cache, passed in so tests can freeze and advance it.

/** A cancellable timer. */
export interface Timer {
  cancel(): void;
}

/** The current time and timers. */
export interface Clock {
  now(): number;
  setTimer(fn: () => void, ms: number): Timer;
}

/** Wall-clock time; timers do not keep the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};
