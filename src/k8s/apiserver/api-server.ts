// An in-process fake Kubernetes API server for tests: node:http on 127.0.0.1 (ephemeral port)
// speaking the real REST list/watch protocol for core/v1 objects, so that @kubernetes/client-node
// informers, kubectl and plain fetch work against it unchanged. Tests change state in process
// (create/replace/patch/delete) or over HTTP, and can compact the history to provoke 410 Gone.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { admitCreate, type MutatingWebhook } from './admission-caller.ts';
import { applyMergePatch } from './json-patch.ts';
import { statusFailure, type KubeObject } from './kube-object.ts';
import { kubeconfigFor, writeKubeconfig, type KubeconfigOptions } from './kubeconfig.ts';
import { filterFrom } from './object-filter.ts';
import { ApiError, notFound, ObjectStore } from './object-store.ts';
import { applyPatchBody, keepOtherHalf, readBody, readObject, reply } from './request-body.ts';
import { DEFAULT_RESOURCE_KINDS, apiPrefixOf, apiVersionOf, type ResourceKind } from './resource-kinds.ts';
import { resolveRoute, type ApiTarget } from './route.ts';
import { startWatch, type WatchHandle } from './watch-stream.ts';

/** Options of `startFakeApiServer`. */
export interface FakeApiServerOptions {
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
}

/** One request the server received (for assertions such as "the webhook did a direct GET"). */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
}

/** A running fake API server. Resources are named by plural (`pods`, `serviceaccounts`, ...). */
export interface FakeApiServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every request received, oldest first. */
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
  /** Registers a mutating webhook called on CREATE over HTTP. */
  addMutatingWebhook(webhook: MutatingWebhook): void;
  /** The kubeconfig YAML pointing at this server. */
  kubeconfig(options?: KubeconfigOptions): string;
  /** Writes that kubeconfig to a file (a new temp directory by default) and returns the path. */
  writeKubeconfig(dir?: string, options?: KubeconfigOptions): Promise<string>;
  close(): Promise<void>;
}

/** Starts a fake API server on 127.0.0.1 with an ephemeral port; `default` and `kube-system` exist. */
export async function startFakeApiServer(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const kinds = [...DEFAULT_RESOURCE_KINDS, ...(options.extraKinds ?? [])];
  const store = new ObjectStore({ ...(options.maxHistory === undefined ? {} : { maxHistory: options.maxHistory }) });
  const requests: RecordedRequest[] = [];
  const watches = new Set<WatchHandle>();
  const webhooks: MutatingWebhook[] = [];
  const autoCreateNamespaces = options.autoCreateNamespaces ?? true;
  let held: (() => void)[] | undefined;
  const deliver = (send: () => void): void => {
    if (held === undefined) send();
    else held.push(send);
  };

  const kindOf = (plural: string): ResourceKind => {
    const kind = kinds.find((k) => k.plural === plural);
    if (kind === undefined) throw new Error(`fake API server: unknown resource ${plural}`);
    return kind;
  };
  const namespaces = kindOf('namespaces');
  const ensureNamespace = (namespace: string, always = false): void => {
    if (store.get(namespaces, undefined, namespace) !== undefined) return;
    if (!autoCreateNamespaces && !always) {
      throw new ApiError(statusFailure(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' }));
    }
    store.create(namespaces, { metadata: { name: namespace }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  };
  ensureNamespace('default', true);
  ensureNamespace('kube-system', true);

  const createObject = (kind: ResourceKind, object: KubeObject): KubeObject => {
    if (kind.namespaced) ensureNamespace(object.metadata.namespace ?? 'default');
    return store.create(kind, object);
  };
  const deleteObject = (kind: ResourceKind, namespace: string | undefined, name: string): KubeObject => {
    const last = store.remove(kind, namespace, name);
    if (kind === namespaces) {
      for (const k of kinds) {
        if (!k.namespaced) continue;
        for (const o of store.list(k, name)) store.remove(k, name, o.metadata.name ?? '');
      }
    }
    return last;
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      const status = error instanceof ApiError ? error.status : statusFailure(500, 'InternalError', String(error));
      if (!res.headersSent) res.writeHead(status.code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams.entries());
    const method = req.method ?? 'GET';
    requests.push({ method, path: url.pathname, query });
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
      throw new ApiError(statusFailure(401, 'Unauthorized', 'Unauthorized'));
    }
    if (method === 'GET' && (url.pathname === '/version' || url.pathname === '/api' || url.pathname === '/healthz' || url.pathname === '/readyz')) {
      const body =
        url.pathname === '/version'
          ? { major: '1', minor: '31', gitVersion: 'v1.31.0-podiam-fake', platform: 'linux/amd64' }
          : url.pathname === '/api'
            ? { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] }
            : 'ok';
      return reply(res, 200, body);
    }
    const discovery = kinds.filter((k) => apiPrefixOf(k) === url.pathname);
    if (method === 'GET' && discovery.length > 0) {
      return reply(res, 200, {
        kind: 'APIResourceList',
        groupVersion: apiVersionOf(discovery[0] ?? namespaces),
        resources: discovery.map((k) => ({
          name: k.plural,
          singularName: k.kind.toLowerCase(),
          namespaced: k.namespaced,
          kind: k.kind,
          verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        })),
      });
    }
    const target = resolveRoute(url.pathname, kinds);
    if (target === undefined) throw new ApiError(statusFailure(404, 'NotFound', 'the server could not find the requested resource'));
    if (target.subresource !== undefined && target.subresource !== 'status') {
      throw new ApiError(statusFailure(404, 'NotFound', 'the server could not find the requested resource'));
    }
    if (target.name === undefined) return collection(req, res, method, target, url.searchParams);
    return item(req, res, method, target);
  }

  async function collection(req: IncomingMessage, res: ServerResponse, method: string, target: ApiTarget, params: URLSearchParams): Promise<void> {
    const { kind } = target;
    switch (method) {
      case 'GET': {
        const filter = filterFrom(kind, target.namespace, params);
        const watch = params.get('watch');
        if (watch === 'true' || watch === '1') {
          const timeout = params.get('timeoutSeconds');
          const sendInitial = params.get('sendInitialEvents');
          const handleRef: { current: WatchHandle | undefined } = { current: undefined };
          const handle = startWatch(
            res,
            store,
            kind,
            filter,
            {
              resourceVersion: params.get('resourceVersion') ?? undefined,
              allowWatchBookmarks: params.get('allowWatchBookmarks') === 'true',
              sendInitialEvents: sendInitial === null ? undefined : sendInitial === 'true',
              timeoutSeconds: timeout === null ? undefined : Number(timeout),
              deliver,
            },
            () => watches.delete(handleRef.current ?? noopHandle),
          );
          handleRef.current = handle;
          if (handle !== undefined) watches.add(handle);
          return;
        }
        const items = store
          .list(kind, target.namespace)
          .filter((o) => filter.matches(o))
          .map((o) => {
            const { apiVersion: _a, kind: _k, ...rest } = o;
            return rest;
          });
        return reply(res, 200, {
          kind: `${kind.kind}List`,
          apiVersion: apiVersionOf(kind),
          metadata: { resourceVersion: String(store.revision) },
          items,
        });
      }
      case 'POST': {
        const body = await readObject(req);
        if (kind.namespaced) {
          const namespace = target.namespace;
          if (namespace === undefined) throw new ApiError(statusFailure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
          if (body.metadata.namespace !== undefined && body.metadata.namespace !== '' && body.metadata.namespace !== namespace) {
            throw new ApiError(statusFailure(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request'));
          }
          body.metadata.namespace = namespace;
          ensureNamespace(namespace);
        }
        const admitted = await admitCreate(webhooks, kind, target.namespace, body);
        const created = createObject(kind, admitted.object);
        const headers: Record<string, string> = {};
        if (admitted.warnings.length > 0) headers['warning'] = admitted.warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ');
        return reply(res, 201, created, headers);
      }
      case 'DELETE': {
        const filter = filterFrom(kind, target.namespace, params);
        const deleted = store
          .list(kind, target.namespace)
          .filter((o) => filter.matches(o))
          .map((o) => deleteObject(kind, o.metadata.namespace, o.metadata.name ?? ''));
        return reply(res, 200, { kind: `${kind.kind}List`, apiVersion: apiVersionOf(kind), metadata: { resourceVersion: String(store.revision) }, items: deleted });
      }
      default:
        throw new ApiError(statusFailure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
    }
  }

  async function item(req: IncomingMessage, res: ServerResponse, method: string, target: ApiTarget): Promise<void> {
    const { kind, namespace } = target;
    const name = target.name ?? '';
    const current = (): KubeObject => {
      const found = store.get(kind, namespace, name);
      if (found === undefined) throw notFound(kind, name);
      return found;
    };
    switch (method) {
      case 'GET':
        return reply(res, 200, current());
      case 'PUT': {
        const body = await readObject(req);
        if (body.metadata.name !== name) throw new ApiError(statusFailure(400, 'BadRequest', 'the name of the object does not match the name on the URL'));
        if (kind.namespaced) body.metadata.namespace = namespace;
        return reply(res, 200, store.replace(kind, keepOtherHalf(target, current(), body)));
      }
      case 'PATCH': {
        const before = current();
        const after = applyPatchBody(req.headers['content-type'], (await readBody(req)) || 'null', before);
        const patched = after;
        patched.metadata = { ...patched.metadata, name, resourceVersion: before.metadata.resourceVersion };
        return reply(res, 200, store.replace(kind, keepOtherHalf(target, before, patched)));
      }
      case 'DELETE':
        current();
        return reply(res, 200, deleteObject(kind, namespace, name));
      default:
        throw new ApiError(statusFailure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bookmarkTimer =
    options.bookmarkIntervalMs === undefined
      ? undefined
      : setInterval(() => {
          for (const w of watches) w.bookmark();
        }, options.bookmarkIntervalMs);
  bookmarkTimer?.unref();

  return {
    url,
    requests,
    get resourceVersion() {
      return String(store.revision);
    },
    create: (plural, object) => createObject(kindOf(plural), object),
    replace: (plural, object) => store.replace(kindOf(plural), object),
    patch: (plural, namespace, name, mergePatch) => {
      const kind = kindOf(plural);
      const before = store.get(kind, namespace, name);
      if (before === undefined) throw notFound(kind, name);
      const after = applyMergePatch(before, mergePatch) as KubeObject;
      after.metadata = { ...after.metadata, name, resourceVersion: before.metadata.resourceVersion };
      return store.replace(kind, after);
    },
    delete: (plural, namespace, name) => deleteObject(kindOf(plural), namespace, name),
    get: (plural, namespace, name) => store.get(kindOf(plural), namespace, name),
    list: (plural, namespace) => store.list(kindOf(plural), namespace),
    compact: () => store.compact(),
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
    kubeconfig: (kubeconfigOptions) => kubeconfigFor(url, withToken(kubeconfigOptions, options.token)),
    writeKubeconfig: (dir, kubeconfigOptions) => writeKubeconfig(url, dir, withToken(kubeconfigOptions, options.token)),
    close: async () => {
      if (bookmarkTimer !== undefined) clearInterval(bookmarkTimer);
      for (const w of [...watches]) w.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const noopHandle: WatchHandle = { bookmark: () => undefined, end: () => undefined };

function withToken(options: KubeconfigOptions | undefined, token: string | undefined): KubeconfigOptions {
  return { ...(token === undefined ? {} : { token }), ...options };
}
