// The objects of the served cluster: the store plus the namespace lifecycle kube-apiserver applies
// around it — namespaced objects live in an existing namespace (created on demand unless told
// otherwise, as the NamespaceLifecycle admission plugin would refuse), and deleting a namespace
// deletes what is in it.
import { statusFailure, type KubeObject } from './kube-object.ts';
import { ApiError, ObjectStore } from './object-store.ts';
import type { ResourceKind } from './resource-kinds.ts';

/** Options of the cluster's objects. */
export interface ClusterObjectsOptions {
  readonly kinds: readonly ResourceKind[];
  /** Create a missing namespace on demand (false: 404 as NamespaceLifecycle answers). */
  readonly autoCreateNamespaces: boolean;
  readonly maxHistory?: number;
}

/** Every stored object of the cluster, by kind. `default` and `kube-system` exist from the start. */
export class ClusterObjects {
  readonly store: ObjectStore;
  readonly kinds: readonly ResourceKind[];
  readonly #namespaces: ResourceKind;
  readonly #autoCreate: boolean;

  constructor(options: ClusterObjectsOptions) {
    this.kinds = options.kinds;
    this.store = new ObjectStore(options.maxHistory === undefined ? {} : { maxHistory: options.maxHistory });
    this.#autoCreate = options.autoCreateNamespaces;
    this.#namespaces = this.kind('namespaces');
    this.ensureNamespace('default', true);
    this.ensureNamespace('kube-system', true);
  }

  /** The served kind of a plural (a programming error if it is not served). */
  kind(plural: string): ResourceKind {
    const kind = this.kinds.find((k) => k.plural === plural);
    if (kind === undefined) throw new Error(`Kubernetes API: unknown resource ${plural}`);
    return kind;
  }

  /** Makes sure a namespace exists before something is created in it (404 when not created on demand). */
  ensureNamespace(namespace: string, always = false): void {
    if (this.store.get(this.#namespaces, undefined, namespace) !== undefined) return;
    if (!this.#autoCreate && !always) {
      throw new ApiError(statusFailure(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' }));
    }
    this.store.create(this.#namespaces, { metadata: { name: namespace }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }

  /** Creates an object (its namespace first, for a namespaced kind). */
  create(kind: ResourceKind, object: KubeObject): KubeObject {
    if (kind.namespaced) this.ensureNamespace(object.metadata.namespace ?? 'default');
    return this.store.create(kind, object);
  }

  /** Deletes an object (and, for a namespace, everything in it); returns its last state. */
  remove(kind: ResourceKind, namespace: string | undefined, name: string): KubeObject {
    const last = this.store.remove(kind, namespace, name);
    if (kind === this.#namespaces) {
      for (const k of this.kinds) {
        if (!k.namespaced) continue;
        for (const o of this.store.list(k, name)) this.store.remove(k, name, o.metadata.name ?? '');
      }
    }
    return last;
  }
}
