// One watch connection: `?watch=true` answered as kube-apiserver does, a 200 response whose body
// is one JSON event per line. resourceVersion unset or "0" starts with the current objects as
// ADDED; a newer one replays the history after it; one older than the compacted history gets a
// single ERROR event carrying a 410 Expired Status, then the stream ends.
import type { ServerResponse } from 'node:http';
import { copyObject, statusFailure, type KubeObject, type WatchEventType } from './kube-object.ts';
import type { ObjectStore, StoreEvent } from './object-store.ts';
import { apiVersionOf, type ResourceKind } from './resource-kinds.ts';

/** Which objects a watch (or list) sees. */
export interface ObjectFilter {
  readonly namespace: string | undefined;
  matches(object: KubeObject): boolean;
}

/** The query parameters of a watch request that shape the stream. */
export interface WatchOptions {
  readonly resourceVersion: string | undefined;
  readonly allowWatchBookmarks: boolean;
  readonly sendInitialEvents: boolean | undefined;
  readonly timeoutSeconds: number | undefined;
  /** Runs the delivery of a live event now, or later while the server holds watch events. */
  readonly deliver?: (send: () => void) => void;
}

/** A live watch; `bookmark()` sends a BOOKMARK now (if the client asked for them), `end()` closes it. */
export interface WatchHandle {
  bookmark(): void;
  end(): void;
}

/** Starts streaming events to `response`; returns undefined if the stream ended at once (410). */
export function startWatch(
  response: ServerResponse,
  store: ObjectStore,
  kind: ResourceKind,
  filter: ObjectFilter,
  options: WatchOptions,
  onEnd: () => void,
): WatchHandle | undefined {
  response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
  response.flushHeaders();
  const send = (type: WatchEventType, object: unknown): void => {
    response.write(`${JSON.stringify({ type, object })}\n`);
  };

  const rv = options.resourceVersion;
  const fromCurrentState = rv === undefined || rv === '' || rv === '0';
  if (!fromCurrentState) {
    const since = Number(rv);
    if (!Number.isSafeInteger(since) || since < 0) {
      send('ERROR', statusFailure(400, 'BadRequest', `Invalid value: "${rv}": strconv.ParseUint: parsing "${rv}": invalid syntax`));
      response.end();
      onEnd();
      return undefined;
    }
    const events = store.eventsSince(since);
    if (!Array.isArray(events)) {
      send('ERROR', statusFailure(410, 'Expired', `too old resource version: ${since} (${events.compactedRevision})`));
      response.end();
      onEnd();
      return undefined;
    }
    for (const event of events) {
      const projected = project(event, kind, filter);
      if (projected !== undefined) send(projected.type, projected.object);
    }
  } else if (options.sendInitialEvents !== false) {
    for (const object of store.list(kind, filter.namespace)) {
      if (filter.matches(object)) send('ADDED', withType(kind, object));
    }
  }

  const bookmark = (annotations?: Record<string, string>): void => {
    send('BOOKMARK', {
      kind: kind.kind,
      apiVersion: apiVersionOf(kind),
      metadata: { resourceVersion: String(store.revision), ...(annotations === undefined ? {} : { annotations }) },
    });
  };
  // Streaming lists (KEP-3157): the end of the initial ADDED events is marked by a bookmark.
  if (fromCurrentState && options.sendInitialEvents === true && options.allowWatchBookmarks) {
    bookmark({ 'k8s.io/initial-events-end': 'true' });
  }

  const deliver = options.deliver ?? ((fn: () => void) => fn());
  const unsubscribe = store.subscribe((event) => {
    const projected = project(event, kind, filter);
    if (projected !== undefined) deliver(() => {
      if (!response.writableEnded) send(projected.type, projected.object);
    });
  });
  let ended = false;
  let timer: NodeJS.Timeout | undefined;
  const end = (): void => {
    if (ended) return;
    ended = true;
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
    if (!response.writableEnded) response.end();
    onEnd();
  };
  if (options.timeoutSeconds !== undefined) timer = setTimeout(end, options.timeoutSeconds * 1000);
  response.on('close', end);
  return {
    bookmark: () => {
      if (!ended && options.allowWatchBookmarks) bookmark();
    },
    end,
  };
}

function withType(kind: ResourceKind, object: KubeObject): KubeObject {
  return { ...object, apiVersion: apiVersionOf(kind), kind: kind.kind };
}

// How the watch cache presents a change to a filtered watcher: an object that starts matching is
// ADDED, one that stops matching is DELETED (its previous state at the new resourceVersion).
function project(event: StoreEvent, kind: ResourceKind, filter: ObjectFilter): { type: WatchEventType; object: KubeObject } | undefined {
  if (event.kind !== kind) return undefined;
  const visible = (o: KubeObject | undefined): boolean =>
    o !== undefined && (filter.namespace === undefined || !kind.namespaced || o.metadata.namespace === filter.namespace) && filter.matches(o);
  const now = visible(event.object);
  switch (event.type) {
    case 'ADDED':
      return now ? { type: 'ADDED', object: event.object } : undefined;
    case 'DELETED':
      return visible(event.previous) ? { type: 'DELETED', object: event.object } : undefined;
    case 'MODIFIED': {
      const before = visible(event.previous);
      if (now && before) return { type: 'MODIFIED', object: event.object };
      if (now) return { type: 'ADDED', object: event.object };
      if (before && event.previous !== undefined) {
        const gone = copyObject(event.previous);
        gone.metadata.resourceVersion = event.object.metadata.resourceVersion;
        return { type: 'DELETED', object: gone };
      }
      return undefined;
    }
    default: {
      const never: never = event.type;
      return never;
    }
  }
}
