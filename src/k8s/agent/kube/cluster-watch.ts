// The agent's view of the cluster through @kubernetes/client-node informers (list then watch, resuming
// from the last resourceVersion, relisting after 410 Gone): this node's pods (fieldSelector
// spec.nodeName when --node is set), namespaces (allowed roles) and service accounts (role ARNs).
// The informer stops on errors other than 410; the watch restarts it with backoff. Ready means each
// of the three has completed one list.
import { CoreV1Api, ListWatch, Watch, type KubeConfig, type KubernetesObject, type V1Namespace, type V1Pod, type V1ServiceAccount } from '@kubernetes/client-node';
import type { Logger } from 'pino';

/** Callbacks for watched objects. */
export interface ClusterHandlers {
  pod(type: 'upsert' | 'delete', pod: V1Pod): void;
  namespace(type: 'upsert' | 'delete', namespace: V1Namespace): void;
  serviceAccount(type: 'upsert' | 'delete', serviceAccount: V1ServiceAccount): void;
}

/** Options of the watch. */
export interface ClusterWatchOptions {
  readonly kubeConfig: KubeConfig;
  readonly nodeName: string | undefined;
  readonly handlers: ClusterHandlers;
  readonly log: Logger;
  readonly maxRetryMs?: number;
}

interface InformerState {
  listed: boolean;
  retryMs: number;
  retryTimer: NodeJS.Timeout | undefined;
}

interface Informer {
  readonly name: string;
  readonly listWatch: ListWatch<KubernetesObject>;
  readonly state: InformerState;
}

/** Watches pods, namespaces and service accounts. */
export class ClusterWatch {
  readonly #informers: Informer[] = [];
  readonly #log: Logger;
  readonly #maxRetryMs: number;
  readonly #readyWaiters: (() => void)[] = [];
  #stopped = false;

  constructor(options: ClusterWatchOptions) {
    this.#log = options.log;
    this.#maxRetryMs = options.maxRetryMs ?? 30_000;
    const core = options.kubeConfig.makeApiClient(CoreV1Api);
    const watch = new Watch(options.kubeConfig);
    const fieldSelector = options.nodeName === undefined ? undefined : `spec.nodeName=${options.nodeName}`;
    const h = options.handlers;
    this.#add('pods', '/api/v1/pods', watch, () => core.listPodForAllNamespaces(fieldSelector === undefined ? {} : { fieldSelector }), fieldSelector, (t, o) => h.pod(t, o as V1Pod));
    this.#add('namespaces', '/api/v1/namespaces', watch, () => core.listNamespace(), undefined, (t, o) => h.namespace(t, o as V1Namespace));
    this.#add('serviceaccounts', '/api/v1/serviceaccounts', watch, () => core.listServiceAccountForAllNamespaces(), undefined, (t, o) => h.serviceAccount(t, o as V1ServiceAccount));
  }

  /** Starts every informer (does not wait for the lists). */
  start(): void {
    for (const informer of this.#informers) this.#start(informer);
  }

  /** Whether every informer has listed once. */
  get ready(): boolean {
    return this.#informers.every((i) => i.state.listed);
  }

  /** Resolves once ready. */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const informer of this.#informers) {
      clearTimeout(informer.state.retryTimer);
      await informer.listWatch.stop();
    }
  }

  #add(
    name: string,
    path: string,
    watch: Watch,
    list: () => Promise<{ items: KubernetesObject[]; metadata?: { resourceVersion?: string } }>,
    fieldSelector: string | undefined,
    handle: (type: 'upsert' | 'delete', object: KubernetesObject) => void,
  ): void {
    const state: InformerState = { listed: false, retryMs: 1000, retryTimer: undefined };
    const listFn = async () => {
      const result = await list();
      state.retryMs = 1000;
      if (!state.listed) {
        state.listed = true;
        this.#log.info({ resource: name, count: result.items.length }, 'listed');
        // The list's items are delivered (add callbacks) right after this returns.
        setImmediate(() => this.#maybeReady());
      }
      return result as never;
    };
    const listWatch = new ListWatch<KubernetesObject>(path, watch, listFn, false, undefined, fieldSelector);
    listWatch.on('add', (o) => handle('upsert', o));
    listWatch.on('update', (o) => handle('upsert', o));
    listWatch.on('delete', (o) => handle('delete', o));
    listWatch.on('error', (err: unknown) => {
      if (this.#stopped) return;
      this.#log.warn({ resource: name, err: String(err), retryMs: state.retryMs }, 'watch failed; restarting');
      state.retryTimer = setTimeout(() => this.#start(informer), state.retryMs);
      state.retryMs = Math.min(state.retryMs * 2, this.#maxRetryMs);
    });
    const informer: Informer = { name, listWatch, state };
    this.#informers.push(informer);
  }

  #start(informer: Informer): void {
    if (this.#stopped) return;
    informer.listWatch.start().catch((err: unknown) => this.#log.warn({ resource: informer.name, err: String(err) }, 'watch start failed'));
  }

  #maybeReady(): void {
    if (!this.ready) return;
    for (const resolve of this.#readyWaiters.splice(0)) resolve();
  }
}
