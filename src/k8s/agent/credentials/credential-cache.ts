// The agent's credential cache. Keyed by role ARN + external ID + session identity (session name and
// the pod's UID), so one tenant's external ID or one pod's session is never handed to another
// (kube2iam keys by role ARN alone). Properties:
//  - a hit is a synchronous map read (`lookup`), so a prefetched pod's first request costs what any
//    hit costs;
//  - one STS call per key at a time, shared by every concurrent caller (single flight);
//  - background renewal from `refreshBeforeMs` left, retried with backoff while the old credentials
//    are still served;
//  - negative caching: after a failure, callers get the cached failure until the backoff ends, so a
//    misconfigured role cannot make the agent throttle the account;
//  - entries belong to a pod and go with it (`evictOwner`).
import type { Clock, Timer } from './clock.ts';
import type { LifetimePolicy } from './lifetime-policy.ts';
import type { AssumeRoleInput, IssuedCredentials, RoleAssumer, StsFailure } from '../sts/role-assumer.ts';

/** What one key stands for. */
export interface CredentialRequest {
  readonly key: string;
  /** The pod UID the entry belongs to. */
  readonly owner: string;
  readonly input: AssumeRoleInput;
}

/** The answer for a request that missed the cache. */
export type FetchAnswer =
  | { readonly kind: 'credentials'; readonly credentials: IssuedCredentials }
  | { readonly kind: 'failure'; readonly failure: StsFailure; readonly cached: boolean };

/** Events for metrics and logs. */
export interface CacheObserver {
  stsCall?(input: AssumeRoleInput, outcome: 'success' | StsFailure, durationMs: number, reason: FetchReason): void;
  negativeHit?(input: AssumeRoleInput, failure: StsFailure): void;
}

/** Why the cache called STS. */
export type FetchReason = 'request' | 'prefetch' | 'refresh';

interface Failure {
  readonly failure: StsFailure;
  readonly retryAt: number;
  readonly attempts: number;
}

interface Entry {
  request: CredentialRequest;
  credentials: IssuedCredentials | undefined;
  inflight: Promise<FetchAnswer> | undefined;
  failure: Failure | undefined;
  timer: Timer | undefined;
  evicted: boolean;
}

/** Options of the cache. */
export interface CredentialCacheOptions {
  readonly assumer: RoleAssumer;
  readonly clock: Clock;
  readonly policy: LifetimePolicy;
  /** Uniform [0, 1), for refresh jitter. */
  readonly random?: () => number;
  readonly observer?: CacheObserver;
}

/** Credentials by key, renewed in the background. */
export class CredentialCache {
  readonly #entries = new Map<string, Entry>();
  readonly #byOwner = new Map<string, Set<string>>();
  readonly #assumer: RoleAssumer;
  readonly #clock: Clock;
  readonly #policy: LifetimePolicy;
  readonly #random: () => number;
  readonly #observer: CacheObserver;

  constructor(options: CredentialCacheOptions) {
    this.#assumer = options.assumer;
    this.#clock = options.clock;
    this.#policy = options.policy;
    this.#random = options.random ?? Math.random;
    this.#observer = options.observer ?? {};
  }

  /** Servable credentials for the key (at least `minServedMs` left), without any I/O. */
  lookup(key: string): IssuedCredentials | undefined {
    const credentials = this.#entries.get(key)?.credentials;
    return credentials !== undefined && this.#servable(credentials) ? credentials : undefined;
  }

  /** Credentials for a request that missed `lookup`: the cached failure, the call in flight, or a new call. */
  fetch(request: CredentialRequest): Promise<FetchAnswer> {
    const entry = this.#entry(request);
    const hit = entry.credentials;
    if (hit !== undefined && this.#servable(hit)) return Promise.resolve({ kind: 'credentials', credentials: hit });
    if (entry.inflight !== undefined) return entry.inflight;
    if (entry.failure !== undefined && entry.failure.retryAt > this.#clock.now()) {
      this.#observer.negativeHit?.(request.input, entry.failure.failure);
      return Promise.resolve({ kind: 'failure', failure: entry.failure.failure, cached: true });
    }
    return this.#call(entry, 'request');
  }

  /** Starts fetching for a pod that will need the credentials (no-op when cached or in flight). */
  prefetch(request: CredentialRequest): void {
    const entry = this.#entry(request);
    if (entry.inflight !== undefined) return;
    if (entry.credentials !== undefined && this.#servable(entry.credentials)) return;
    if (entry.failure !== undefined && entry.failure.retryAt > this.#clock.now()) return;
    void this.#call(entry, 'prefetch');
  }

  /** Drops one key (its timers stop; a call in flight completes but is not stored). */
  evict(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    entry.evicted = true;
    entry.timer?.cancel();
    this.#entries.delete(key);
    const keys = this.#byOwner.get(entry.request.owner);
    keys?.delete(key);
    if (keys?.size === 0) this.#byOwner.delete(entry.request.owner);
  }

  /** Drops every key of a pod. */
  evictOwner(owner: string): void {
    for (const key of [...(this.#byOwner.get(owner) ?? [])]) this.evict(key);
  }

  /** Keys held for a pod. */
  keysOf(owner: string): ReadonlySet<string> {
    return this.#byOwner.get(owner) ?? new Set();
  }

  /** Number of keys. */
  get size(): number {
    return this.#entries.size;
  }

  /** Stops every timer. */
  close(): void {
    for (const key of [...this.#entries.keys()]) this.evict(key);
  }

  #servable(credentials: IssuedCredentials): boolean {
    return credentials.expiration - this.#clock.now() >= this.#policy.minServedMs;
  }

  #entry(request: CredentialRequest): Entry {
    let entry = this.#entries.get(request.key);
    if (entry === undefined) {
      entry = { request, credentials: undefined, inflight: undefined, failure: undefined, timer: undefined, evicted: false };
      this.#entries.set(request.key, entry);
      let keys = this.#byOwner.get(request.owner);
      if (keys === undefined) this.#byOwner.set(request.owner, (keys = new Set()));
      keys.add(request.key);
    } else {
      entry.request = request;
    }
    return entry;
  }

  #call(entry: Entry, reason: FetchReason): Promise<FetchAnswer> {
    const input = entry.request.input;
    const started = this.#clock.now();
    const startedHr = performance.now();
    const flight = this.#assumer.assumeRole(input).then(
      (outcome): FetchAnswer => {
        entry.inflight = undefined;
        this.#observer.stsCall?.(input, outcome.ok ? 'success' : outcome.failure, performance.now() - startedHr, reason);
        if (outcome.ok) {
          if (!entry.evicted) {
            entry.credentials = outcome.credentials;
            entry.failure = undefined;
            this.#scheduleRefresh(entry);
          }
          return { kind: 'credentials', credentials: outcome.credentials };
        }
        const attempts = (entry.failure?.attempts ?? 0) + 1;
        const delay = Math.min(this.#policy.backoffMaxMs, this.#policy.backoffInitialMs * 2 ** (attempts - 1));
        if (!entry.evicted) {
          entry.failure = { failure: outcome.failure, retryAt: started + delay, attempts };
          // Keep retrying in the background only while there are credentials worth renewing.
          if (entry.credentials !== undefined) this.#schedule(entry, delay);
        }
        const still = entry.credentials;
        if (still !== undefined && this.#servable(still)) return { kind: 'credentials', credentials: still };
        return { kind: 'failure', failure: outcome.failure, cached: false };
      },
      (err: unknown): FetchAnswer => {
        entry.inflight = undefined;
        const failure: StsFailure = { kind: 'unavailable', code: 'InternalError', status: undefined, message: String(err) };
        if (!entry.evicted) entry.failure = { failure, retryAt: started + this.#policy.backoffInitialMs, attempts: (entry.failure?.attempts ?? 0) + 1 };
        return { kind: 'failure', failure, cached: false };
      },
    );
    entry.inflight = flight;
    return flight;
  }

  #scheduleRefresh(entry: Entry): void {
    const credentials = entry.credentials;
    if (credentials === undefined) return;
    const jitter = Math.floor(this.#random() * this.#policy.refreshJitterMs);
    const at = credentials.expiration - this.#policy.refreshBeforeMs - jitter;
    this.#schedule(entry, at - this.#clock.now());
  }

  #schedule(entry: Entry, delayMs: number): void {
    entry.timer?.cancel();
    entry.timer = this.#clock.setTimer(() => {
      entry.timer = undefined;
      if (entry.evicted || entry.inflight !== undefined) return;
      void this.#call(entry, 'refresh');
    }, Math.max(0, delayMs));
  }
}
