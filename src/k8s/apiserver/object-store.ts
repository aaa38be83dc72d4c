// The API server's storage: objects by resource, one monotonically increasing resourceVersion
// shared by every resource (as etcd's revision is), and an event history that watches replay from.
// History can be compacted: a watch from a resourceVersion older than the compaction gets 410 Gone.
import { randomUUID } from 'node:crypto';
import { copyObject, statusFailure, type KubeObject, type StatusObject } from './kube-object.ts';
import { apiVersionOf, type ResourceKind } from './resource-kinds.ts';

/** A stored change, as watches see it. */
export interface StoreEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly kind: ResourceKind;
  readonly object: KubeObject;
  /** The object before a MODIFIED or DELETED change. */
  readonly previous: KubeObject | undefined;
  readonly revision: number;
}

/** An API failure carrying the Status the server answers with. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: StatusObject;
  constructor(status: StatusObject) {
    super(status.message);
    this.status = status;
  }
}

/** Raised by `eventsSince` when the history no longer reaches back to the requested version. */
export interface Expired {
  readonly expired: true;
  readonly compactedRevision: number;
}

const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** In-memory objects plus their change history. */
export class ObjectStore {
  #revision = 1;
  #compactedRevision = 1;
  readonly #objects = new Map<string, Map<string, KubeObject>>();
  #history: StoreEvent[] = [];
  readonly #listeners = new Set<(event: StoreEvent) => void>();
  readonly #maxHistory: number;
  readonly #now: () => Date;

  constructor(options: { maxHistory?: number; now?: () => Date } = {}) {
    this.#maxHistory = options.maxHistory ?? 10_000;
    this.#now = options.now ?? (() => new Date());
  }

  /** The current resourceVersion (the revision of the latest change). */
  get revision(): number {
    return this.#revision;
  }

  /** Changes at or below this revision are forgotten. */
  get compactedRevision(): number {
    return this.#compactedRevision;
  }

  get(kind: ResourceKind, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.#bucket(kind).get(key(kind, namespace, name));
    return found === undefined ? undefined : copyObject(found);
  }

  /** Objects of a kind (in one namespace, or all), ordered by namespace then name as etcd keys are. */
  list(kind: ResourceKind, namespace?: string): KubeObject[] {
    return [...this.#bucket(kind).entries()]
      .filter(([, o]) => namespace === undefined || !kind.namespaced || o.metadata.namespace === namespace)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, o]) => copyObject(o));
  }

  /** Stores a new object; 409 AlreadyExists if the name is taken. */
  create(kind: ResourceKind, input: KubeObject): KubeObject {
    const object = copyObject(input);
    const meta = object.metadata;
    if (kind.namespaced && (meta.namespace === undefined || meta.namespace === '')) meta.namespace = 'default';
    if (!kind.namespaced) delete meta.namespace;
    if ((meta.name === undefined || meta.name === '') && meta.generateName !== undefined && meta.generateName !== '') {
      meta.name = meta.generateName + randomSuffix();
    }
    if (meta.name === undefined || meta.name === '') {
      throw new ApiError(statusFailure(422, 'Invalid', `${kind.kind} "" is invalid: metadata.name: Required value: name or generateName is required`, { kind: kind.plural }));
    }
    const bucket = this.#bucket(kind);
    const k = key(kind, meta.namespace, meta.name);
    if (bucket.has(k)) {
      throw new ApiError(statusFailure(409, 'AlreadyExists', `${kind.plural} "${meta.name}" already exists`, { name: meta.name, kind: kind.plural }));
    }
    object.apiVersion = apiVersionOf(kind);
    object.kind = kind.kind;
    meta.uid = randomUUID();
    meta.creationTimestamp = this.#now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    meta.resourceVersion = String(this.#bump());
    bucket.set(k, object);
    this.#record({ type: 'ADDED', kind, object: copyObject(object), previous: undefined, revision: this.#revision });
    return copyObject(object);
  }

  /**
   * Replaces an existing object (PUT). A resourceVersion in the input must equal the stored one
   * (optimistic concurrency, 409 Conflict otherwise); uid and creationTimestamp are kept.
   */
  replace(kind: ResourceKind, input: KubeObject): KubeObject {
    const object = copyObject(input);
    const meta = object.metadata;
    const name = meta.name ?? '';
    const k = key(kind, kind.namespaced ? (meta.namespace ?? 'default') : undefined, name);
    const bucket = this.#bucket(kind);
    const current = bucket.get(k);
    if (current === undefined) throw notFound(kind, name);
    if (meta.resourceVersion !== undefined && meta.resourceVersion !== '' && meta.resourceVersion !== current.metadata.resourceVersion) {
      throw new ApiError(
        statusFailure(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${kind.plural} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
          { name, kind: kind.plural },
        ),
      );
    }
    object.apiVersion = apiVersionOf(kind);
    object.kind = kind.kind;
    meta.namespace = current.metadata.namespace;
    if (!kind.namespaced) delete meta.namespace;
    meta.uid = current.metadata.uid;
    meta.creationTimestamp = current.metadata.creationTimestamp;
    meta.resourceVersion = String(this.#bump());
    bucket.set(k, object);
    this.#record({ type: 'MODIFIED', kind, object: copyObject(object), previous: copyObject(current), revision: this.#revision });
    return copyObject(object);
  }

  /** Deletes an object and returns its last state. */
  remove(kind: ResourceKind, namespace: string | undefined, name: string): KubeObject {
    const bucket = this.#bucket(kind);
    const k = key(kind, namespace, name);
    const current = bucket.get(k);
    if (current === undefined) throw notFound(kind, name);
    bucket.delete(k);
    const last = copyObject(current);
    last.metadata.resourceVersion = String(this.#bump());
    this.#record({ type: 'DELETED', kind, object: copyObject(last), previous: copyObject(current), revision: this.#revision });
    return last;
  }

  /** Events after `revision`, oldest first, or Expired when compaction has dropped some of them. */
  eventsSince(revision: number): StoreEvent[] | Expired {
    if (revision < this.#compactedRevision) return { expired: true, compactedRevision: this.#compactedRevision };
    return this.#history.filter((e) => e.revision > revision);
  }

  /** Forgets the history up to the current revision (as etcd compaction does). */
  compact(): void {
    this.#compactedRevision = this.#revision;
    this.#history = [];
  }

  /** Calls `listener` for every change from now on; returns the unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #bucket(kind: ResourceKind): Map<string, KubeObject> {
    const id = `${kind.group}/${kind.plural}`;
    let bucket = this.#objects.get(id);
    if (bucket === undefined) {
      bucket = new Map();
      this.#objects.set(id, bucket);
    }
    return bucket;
  }

  #bump(): number {
    this.#revision += 1;
    return this.#revision;
  }

  #record(event: StoreEvent): void {
    this.#history.push(event);
    if (this.#history.length > this.#maxHistory) {
      const dropped = this.#history.splice(0, this.#history.length - this.#maxHistory);
      const last = dropped[dropped.length - 1];
      if (last !== undefined) this.#compactedRevision = last.revision;
    }
    for (const listener of [...this.#listeners]) listener(event);
  }
}

/** The 404 the API server answers for a missing object. */
export function notFound(kind: ResourceKind, name: string): ApiError {
  const group = kind.group === '' ? '' : `.${kind.group}`;
  return new ApiError(statusFailure(404, 'NotFound', `${kind.plural}${group} "${name}" not found`, { name, kind: kind.plural }));
}

function key(kind: ResourceKind, namespace: string | undefined, name: string): string {
  return kind.namespaced ? `${namespace ?? 'default'}/${name}` : name;
}

function randomSuffix(): string {
  let out = '';
  for (let i = 0; i < 5; i += 1) out += NAME_SUFFIX_ALPHABET[Math.floor(Math.random() * NAME_SUFFIX_ALPHABET.length)];
  return out;
}
