// A minimal Kubernetes API server on 127.0.0.1, in process: node:http speaking the real REST
// list/watch protocol for core/v1 objects, with discovery, so that kubectl and
// @kubernetes/client-node work against it unchanged. Objects live in memory. Pods (and any kind a
// registered webhook names) go through the mutating admission webhooks on CREATE before they are
// stored, as kube-apiserver does. No authentication unless a bearer token is configured: it is for
// loopback only (podiam up, and tests).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MutatingWebhook } from './admission-caller.ts';
import { ClusterObjects } from './cluster-objects.ts';
import { discoveryDocument, SERVER_VERSION } from './discovery.ts';
import { applyMergePatch } from './json-patch.ts';
import { statusFailure, type KubeObject } from './kube-object.ts';
import { kubeconfigFor, writeKubeconfig, type KubeconfigOptions } from './kubeconfig.ts';
import { ApiError, notFound } from './object-store.ts';
import { openApiDocument } from './openapi.ts';
import { reply } from './request-body.ts';
import { DEFAULT_RESOURCE_KINDS, type ResourceKind } from './resource-kinds.ts';
import { serveCollection, serveItem, type RestContext } from './rest-handler.ts';
import { resolveRoute } from './route.ts';
import type { WatchHandle } from './watch-stream.ts';

/** The only address the server binds: it has no authentication of its own. */
export const API_SERVER_HOST = '127.0.0.1';

/** Options of `startApiServer`. */
export interface ApiServerOptions {
  /** TCP port on 127.0.0.1 (default 0: one the system picks). */
  readonly port?: number;
  /** Kinds served in addition to DEFAULT_RESOURCE_KINDS. */
  readonly extraKinds?: readonly ResourceKind[];
  /** If set, requests must carry `Authorization: Bearer <token>` (401 otherwise). */
  readonly token?: string;
  /** Creating an object in a missing namespace creates the namespace (default true; false answers 404 as NamespaceLifecycle does). */
  readonly autoCreateNamespaces?: boolean;
  /** Events kept for watch replay before the oldest are compacted (default 10000). */
  readonly maxHistory?: number;
  /** Interval of BOOKMARK events on watches that allow them (default: only when `sendBookmarks()` is called). */
  readonly bookmarkIntervalMs?: number;
  /** Keep every request in `requests` (for tests; default false). */
  readonly recordRequests?: boolean;
  /** Mutating webhooks called on CREATE (more with `addMutatingWebhook`). */
  readonly webhooks?: readonly MutatingWebhook[];
}

/** One request the server received (kept when `recordRequests` is set). */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
}

/** A running API server. Resources are named by plural (`pods`, `serviceaccounts`, ...). */
export interface ApiServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every request received, oldest first (empty unless `recordRequests`). */
  readonly requests: readonly RecordedRequest[];
  /** The current resourceVersion. */
  readonly resourceVersion: string;
  /** Creates an object (in-process: no admission webhooks run). Namespaced objects default to `default`. */
  create(plural: string, object: KubeObject): KubeObject;
  /** Replaces an object (PUT semantics: a stale metadata.resourceVersion is a 409). */
  replace(plural: string, object: KubeObject): KubeObject;
  /** Applies a JSON merge patch (RFC 7386) to an object. */
  patch(plural: string, namespace: string | undefined, name: string, mergePatch: unknown): KubeObject;
  /** Deletes an object and returns its last state. */
  delete(plural: string, namespace: string | undefined, name: string): KubeObject;
  get(plural: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(plural: string, namespace?: string): KubeObject[];
  /** Forgets the watch history: watches from an older resourceVersion get 410 Gone. */
  compact(): void;
  /** Sends a BOOKMARK on every open watch that asked for bookmarks. */
  sendBookmarks(): void;
  /** Ends every open watch stream (clients reconnect from their last resourceVersion). */
  closeWatches(): void;
  /** Number of open watch streams. */
  readonly openWatches: number;
  /**
   * Holds back live watch events (lists, GETs and new watches still see the current state) until
   * the returned function is called: a watch that lags behind the store, as a slow one does.
   */
  holdWatchEvents(): () => void;
  /** Registers a mutating webhook called on CREATE over HTTPS. */
  addMutatingWebhook(webhook: MutatingWebhook): void;
  /** The kubeconfig YAML pointing at this server. */
  kubeconfig(options?: KubeconfigOptions): string;
  /** Writes that kubeconfig as `dir/kubeconfig` (a new temp directory by default) and returns the path. */
  writeKubeconfig(dir?: string, options?: KubeconfigOptions): Promise<string>;
  /** Ends the watches and stops listening. */
  close(): Promise<void>;
}

/** Starts an API server on 127.0.0.1; `default` and `kube-system` exist. */
export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const objects = new ClusterObjects({
    kinds: [...DEFAULT_RESOURCE_KINDS, ...(options.extraKinds ?? [])],
    autoCreateNamespaces: options.autoCreateNamespaces ?? true,
    ...(options.maxHistory === undefined ? {} : { maxHistory: options.maxHistory }),
  });
  const requests: RecordedRequest[] = [];
  const watches = new Set<WatchHandle>();
  const webhooks: MutatingWebhook[] = [...(options.webhooks ?? [])];
  let held: (() => void)[] | undefined;
  const context: RestContext = {
    objects,
    webhooks,
    watches,
    deliver: (send) => {
      if (held === undefined) send();
      else held.push(send);
    },
  };
  let address = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (options.recordRequests === true) requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams.entries()) });
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
      throw new ApiError(statusFailure(401, 'Unauthorized', 'Unauthorized'));
    }
    if (req.method === 'GET') {
      const document = discoveryDocument(url.pathname, objects.kinds, address);
      if (document !== undefined) return reply(res, 200, document, typeof document === 'string' ? { 'content-type': 'text/plain; charset=utf-8' } : {});
      const openApi = openApiDocument(url.pathname, objects.kinds, SERVER_VERSION.gitVersion);
      if (openApi !== undefined) return reply(res, 200, openApi);
    }
    const target = resolveRoute(url.pathname, objects.kinds);
    if (target === undefined || (target.subresource !== undefined && !(target.kind.subresources ?? []).includes(target.subresource))) {
      throw new ApiError(statusFailure(404, 'NotFound', 'the server could not find the requested resource'));
    }
    if (target.name === undefined) return serveCollection(context, req, res, target, url.searchParams);
    return serveItem(context, req, res, target);
  }

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      const status = error instanceof ApiError ? error.status : statusFailure(500, 'InternalError', String(error));
      if (!res.headersSent) res.writeHead(status.code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, API_SERVER_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  address = `${API_SERVER_HOST}:${(server.address() as AddressInfo).port}`;
  const url = `http://${address}`;
  const bookmarkTimer =
    options.bookmarkIntervalMs === undefined
      ? undefined
      : setInterval(() => {
          for (const w of watches) w.bookmark();
        }, options.bookmarkIntervalMs);
  bookmarkTimer?.unref();
  const withToken = (o: KubeconfigOptions | undefined): KubeconfigOptions => ({ ...(options.token === undefined ? {} : { token: options.token }), ...o });

  return {
    url,
    requests,
    get resourceVersion() {
      return String(objects.store.revision);
    },
    create: (plural, object) => objects.create(objects.kind(plural), object),
    replace: (plural, object) => objects.store.replace(objects.kind(plural), object),
    patch: (plural, namespace, name, mergePatch) => {
      const kind = objects.kind(plural);
      const before = objects.store.get(kind, namespace, name);
      if (before === undefined) throw notFound(kind, name);
      const after = applyMergePatch(before, mergePatch) as KubeObject;
      after.metadata = { ...after.metadata, name, resourceVersion: before.metadata.resourceVersion };
      return objects.store.replace(kind, after);
    },
    delete: (plural, namespace, name) => objects.remove(objects.kind(plural), namespace, name),
    get: (plural, namespace, name) => objects.store.get(objects.kind(plural), namespace, name),
    list: (plural, namespace) => objects.store.list(objects.kind(plural), namespace),
    compact: () => objects.store.compact(),
    sendBookmarks: () => {
      for (const w of watches) w.bookmark();
    },
    closeWatches: () => {
      for (const w of [...watches]) w.end();
    },
    get openWatches() {
      return watches.size;
    },
    holdWatchEvents: () => {
      held ??= [];
      return () => {
        const pending = held ?? [];
        held = undefined;
        for (const send of pending) send();
      };
    },
    addMutatingWebhook: (webhook) => {
      webhooks.push(webhook);
    },
    kubeconfig: (kubeconfigOptions) => kubeconfigFor(url, withToken(kubeconfigOptions)),
    writeKubeconfig: (dir, kubeconfigOptions) => writeKubeconfig(url, dir, withToken(kubeconfigOptions)),
    close: async () => {
      if (bookmarkTimer !== undefined) clearInterval(bookmarkTimer);
      for (const w of [...watches]) w.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
