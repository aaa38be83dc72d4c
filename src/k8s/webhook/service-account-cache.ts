// ServiceAccounts as the webhook sees them: a client-node informer (list + watch of every
// namespace's ServiceAccounts) keeps the annotations in memory. On a miss, upstream waits up to
// `--service-account-lookup-grace-period` for the informer to deliver the ServiceAccount; podiam
// also asks the API server directly (GET), so a pod created right after its ServiceAccount is
// still mutated when the watch lags. The API server's 404 is final.
import { CoreV1Api, makeInformer, type KubeConfig, type V1ServiceAccount } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { ServiceAccountLookupResult, ServiceAccountSource } from './admit-pod.ts';
import { readServiceAccountConfig, type ServiceAccountConfig, type ServiceAccountDefaults } from './patch/index.ts';

/** Options of the cache. */
export interface ServiceAccountCacheOptions {
  readonly kubeConfig: KubeConfig;
  readonly annotationPrefix: string;
  readonly defaults: ServiceAccountDefaults;
  /** How long to wait for the informer on a miss (upstream's grace period; 0 disables waiting and the GET). */
  readonly graceMs: number;
  /** Deadline of the direct GET on a miss. */
  readonly lookupTimeoutMs: number;
  readonly logger: Logger;
  /** Called when a ServiceAccount naming a role is cached. */
  readonly onRoleSeen?: () => void;
}

/** The informer-backed ServiceAccount source. */
export class ServiceAccountCache implements ServiceAccountSource {
  readonly #options: ServiceAccountCacheOptions;
  readonly #api: CoreV1Api;
  readonly #entries = new Map<string, ServiceAccountConfig>();
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #informer;
  #synced = false;
  #stopped = false;
  #failed = false;

  constructor(options: ServiceAccountCacheOptions) {
    this.#options = options;
    this.#api = options.kubeConfig.makeApiClient(CoreV1Api);
    this.#informer = makeInformer<V1ServiceAccount>(options.kubeConfig, '/api/v1/serviceaccounts', () => this.#api.listServiceAccountForAllNamespaces());
    this.#informer.on('add', (sa) => this.#store(sa));
    this.#informer.on('update', (sa) => this.#store(sa));
    this.#informer.on('delete', (sa) => this.#entries.delete(keyOf(sa.metadata?.namespace ?? '', sa.metadata?.name ?? '')));
    this.#informer.on('error', (error: unknown) => {
      this.#failed = true;
      if (this.#stopped) return;
      options.logger.warn({ err: error }, 'ServiceAccount list/watch failed; restarting');
      // client-node stops a ListWatch after an error it does not handle itself; start it again.
      setTimeout(() => {
        if (!this.#stopped) void this.#startOnce();
      }, 1000).unref();
    });
  }

  /** Whether the first list has been received. */
  get synced(): boolean {
    return this.#synced;
  }

  /**
   * Starts the informer; resolves after the first list attempt. If it failed, the informer retries
   * every second and `synced` turns true once a list succeeds (lookups meanwhile use the GET).
   */
  async start(): Promise<void> {
    await this.#startOnce();
  }

  async #startOnce(): Promise<void> {
    this.#failed = false;
    await this.#informer.start().catch(() => {
      this.#failed = true;
    });
    if (!this.#failed && !this.#stopped) this.#synced = true;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#informer.stop();
  }

  /** Number of ServiceAccounts cached. */
  get size(): number {
    return this.#entries.size;
  }

  async lookup(namespace: string, name: string): Promise<ServiceAccountLookupResult> {
    const key = keyOf(namespace, name);
    const cached = this.#entries.get(key);
    if (cached !== undefined) return { lookup: { found: true, config: cached }, source: 'cache' };
    if (this.#options.graceMs <= 0 || name === '') return { lookup: { found: false }, source: 'not-found' };

    let cancelWait = (): void => undefined;
    const notified = new Promise<ServiceAccountLookupResult | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), Math.max(this.#options.graceMs, this.#options.lookupTimeoutMs));
      const wake = (): void => {
        clearTimeout(timer);
        const entry = this.#entries.get(key);
        resolve(entry === undefined ? undefined : { lookup: { found: true, config: entry }, source: 'notified' });
      };
      const set = this.#waiters.get(key) ?? new Set();
      set.add(wake);
      this.#waiters.set(key, set);
      cancelWait = () => {
        clearTimeout(timer);
        set.delete(wake);
        if (set.size === 0) this.#waiters.delete(key);
        resolve(undefined);
      };
    });
    const fetched = this.#fetch(namespace, name);
    const first = await Promise.race([notified, fetched]);
    if (first !== undefined && (first.lookup.found || first.source === 'not-found')) {
      cancelWait();
      return first;
    }
    // The GET failed: wait out the rest of the grace period for the informer.
    const graceOnly = await Promise.race([notified, delay(this.#options.graceMs).then(() => undefined)]);
    cancelWait();
    if (graceOnly !== undefined) return graceOnly;
    const failure = await fetched;
    return failure ?? { lookup: { found: false }, source: 'error', error: 'lookup timed out' };
  }

  async #fetch(namespace: string, name: string): Promise<ServiceAccountLookupResult> {
    try {
      const sa = await withTimeout(this.#api.readNamespacedServiceAccount({ name, namespace }), this.#options.lookupTimeoutMs);
      const config = this.#configOf(sa);
      // Keep it unless the informer has delivered it meanwhile (the informer is newer).
      const key = keyOf(namespace, name);
      if (!this.#entries.has(key)) this.#entries.set(key, config);
      return { lookup: { found: true, config }, source: 'api' };
    } catch (error) {
      if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 404) {
        return { lookup: { found: false }, source: 'not-found' };
      }
      return { lookup: { found: false }, source: 'error', error: error instanceof Error ? error.message : String(error) };
    }
  }

  #configOf(sa: V1ServiceAccount): ServiceAccountConfig {
    const config = readServiceAccountConfig(sa.metadata?.annotations, this.#options.annotationPrefix, this.#options.defaults);
    if (config.roleArn !== undefined && config.roleArn !== '') {
      this.#options.onRoleSeen?.();
      if (!config.roleArnWellFormed) this.#options.logger.warn({ serviceAccount: `${sa.metadata?.namespace}/${sa.metadata?.name}`, roleArn: config.roleArn }, 'arn is invalid');
    }
    if (config.ignored.length > 0) this.#options.logger.info({ serviceAccount: `${sa.metadata?.namespace}/${sa.metadata?.name}`, annotations: config.ignored }, 'ignoring unreadable annotations');
    return config;
  }

  #store(sa: V1ServiceAccount): void {
    const key = keyOf(sa.metadata?.namespace ?? '', sa.metadata?.name ?? '');
    this.#entries.set(key, this.#configOf(sa));
    const waiters = this.#waiters.get(key);
    if (waiters !== undefined) {
      this.#waiters.delete(key);
      for (const wake of waiters) wake();
    }
  }
}

function keyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from the API server within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
