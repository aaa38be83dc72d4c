// The REST verbs on a resource, as kube-apiserver answers them: list and watch, create (through the
// mutating admission webhooks), delete of a collection, and get/replace/patch/delete of one object.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { admitCreate, type MutatingWebhook } from './admission-caller.ts';
import type { ClusterObjects } from './cluster-objects.ts';
import { statusFailure, type KubeObject } from './kube-object.ts';
import { filterFrom } from './object-filter.ts';
import { ApiError, notFound } from './object-store.ts';
import { applyPatchBody, keepOtherHalf, readBody, readObject, reply } from './request-body.ts';
import { apiVersionOf } from './resource-kinds.ts';
import type { ApiTarget } from './route.ts';
import { startWatch, type WatchHandle } from './watch-stream.ts';

/** What the handlers work on. */
export interface RestContext {
  readonly objects: ClusterObjects;
  readonly webhooks: readonly MutatingWebhook[];
  /** Open watch streams (added and removed here). */
  readonly watches: Set<WatchHandle>;
  /** Delivers a live watch event now, or later while watch events are held. */
  readonly deliver: (send: () => void) => void;
}

const METHOD_NOT_ALLOWED = (): ApiError => new ApiError(statusFailure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));

/** Serves a request on a collection (`.../pods`). */
export async function serveCollection(context: RestContext, req: IncomingMessage, res: ServerResponse, target: ApiTarget, params: URLSearchParams): Promise<void> {
  const { kind } = target;
  const { objects } = context;
  const store = objects.store;
  switch (req.method) {
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
            deliver: context.deliver,
          },
          () => {
            if (handleRef.current !== undefined) context.watches.delete(handleRef.current);
          },
        );
        handleRef.current = handle;
        if (handle !== undefined) context.watches.add(handle);
        return;
      }
      const items = store
        .list(kind, target.namespace)
        .filter((o) => filter.matches(o))
        .map((o) => {
          const { apiVersion: _a, kind: _k, ...rest } = o;
          return rest;
        });
      return reply(res, 200, { kind: `${kind.kind}List`, apiVersion: apiVersionOf(kind), metadata: { resourceVersion: String(store.revision) }, items });
    }
    case 'POST': {
      const body = await readObject(req);
      if (kind.namespaced) {
        const namespace = target.namespace;
        if (namespace === undefined) throw METHOD_NOT_ALLOWED();
        if (body.metadata.namespace !== undefined && body.metadata.namespace !== '' && body.metadata.namespace !== namespace) {
          throw new ApiError(statusFailure(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request'));
        }
        body.metadata.namespace = namespace;
        objects.ensureNamespace(namespace);
      }
      const admitted = await admitCreate(context.webhooks, kind, target.namespace, body);
      const created = objects.create(kind, admitted.object);
      const headers: Record<string, string> = {};
      // Admission warnings reach the client as RFC 7234 Warning headers (code 299), as kubectl prints them.
      if (admitted.warnings.length > 0) headers['warning'] = admitted.warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ');
      return reply(res, 201, created, headers);
    }
    case 'DELETE': {
      const filter = filterFrom(kind, target.namespace, params);
      const deleted = store
        .list(kind, target.namespace)
        .filter((o) => filter.matches(o))
        .map((o) => objects.remove(kind, o.metadata.namespace, o.metadata.name ?? ''));
      return reply(res, 200, { kind: `${kind.kind}List`, apiVersion: apiVersionOf(kind), metadata: { resourceVersion: String(store.revision) }, items: deleted });
    }
    default:
      throw METHOD_NOT_ALLOWED();
  }
}

/** Serves a request on one object (`.../pods/NAME`, `.../pods/NAME/status`). */
export async function serveItem(context: RestContext, req: IncomingMessage, res: ServerResponse, target: ApiTarget): Promise<void> {
  const { kind, namespace } = target;
  const { objects } = context;
  const name = target.name ?? '';
  const current = (): KubeObject => {
    const found = objects.store.get(kind, namespace, name);
    if (found === undefined) throw notFound(kind, name);
    return found;
  };
  switch (req.method) {
    case 'GET':
      return reply(res, 200, current());
    case 'PUT': {
      const body = await readObject(req);
      if (body.metadata.name !== name) throw new ApiError(statusFailure(400, 'BadRequest', 'the name of the object does not match the name on the URL'));
      if (kind.namespaced) body.metadata.namespace = namespace;
      return reply(res, 200, objects.store.replace(kind, keepOtherHalf(target, current(), body)));
    }
    case 'PATCH': {
      const before = current();
      const patched = applyPatchBody(req.headers['content-type'], (await readBody(req)) || 'null', before);
      patched.metadata = { ...patched.metadata, name, resourceVersion: before.metadata.resourceVersion };
      return reply(res, 200, objects.store.replace(kind, keepOtherHalf(target, before, patched)));
    }
    case 'DELETE':
      current();
      return reply(res, 200, objects.remove(kind, namespace, name));
    default:
      throw METHOD_NOT_ALLOWED();
  }
}
