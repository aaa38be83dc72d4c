// Pods coming and going, as the watch reports them: the index learns them, their credentials are
// fetched as soon as they are scheduled to this node (before they run, so a pod's first request is a
// cache hit), and their cache entries go when they finish, leave, or change role.
// Prefetched: pods with the role annotation, and pods wired for container credentials whose service
// account names a role. Pods on the default role are fetched on first use (prefetching them would
// assume a role for every pod on the node, used or not), then renewed like the others.
import type { V1Pod } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { PodCredentials } from '../credentials/pod-credentials.ts';
import type { CredentialRequest } from '../credentials/credential-cache.ts';
import type { PodIndex } from '../pods/pod-index.ts';
import { podView, type PodView } from '../pods/pod-view.ts';
import type { PodRoles } from '../roles/pod-roles.ts';

/** Options of the lifecycle. */
export interface PodLifecycleOptions {
  readonly pods: PodIndex;
  readonly roles: PodRoles;
  readonly credentials: PodCredentials;
  readonly prefetch: boolean;
  /** Only pods on this node are prefetched (all watched pods are indexed). */
  readonly nodeName: string | undefined;
  readonly log: Logger;
}

/** Applies pod events to the index and the cache. */
export class PodLifecycle {
  readonly #o: PodLifecycleOptions;

  constructor(options: PodLifecycleOptions) {
    this.#o = options;
  }

  /** A pod was added or changed. */
  upsert(object: V1Pod): void {
    const pod = podView(object);
    if (pod === undefined) return;
    this.#o.pods.upsert(pod);
    this.reconcile(pod);
  }

  /** A pod was deleted. */
  delete(object: V1Pod): void {
    const uid = object.metadata?.uid;
    if (uid === undefined) return;
    this.#o.pods.remove(uid);
    this.#o.credentials.cache.evictOwner(uid);
  }

  /** Re-decides every pod of a namespace (its allowed roles or a service account changed). */
  reconcileNamespace(namespace: string): void {
    for (const pod of [...this.#o.pods.pods()]) if (pod.namespace === namespace) this.reconcile(pod);
  }

  /** Drops entries the pod no longer needs and prefetches what it will need. */
  reconcile(pod: PodView): void {
    const cache = this.#o.credentials.cache;
    if (pod.phase === 'Succeeded' || pod.phase === 'Failed') {
      cache.evictOwner(pod.uid);
      return;
    }
    const wanted: CredentialRequest[] = [];
    const prefetch: CredentialRequest[] = [];
    const metadata = this.#o.roles.metadataRole(pod);
    if (metadata.kind === 'role' && !pod.hostNetwork) {
      const request = this.#o.credentials.request(pod, metadata.role, metadata.externalId);
      wanted.push(request);
      if (metadata.source === 'annotation') prefetch.push(request);
    }
    const container = this.#o.roles.containerRole(pod);
    if (container.kind === 'role') {
      const request = this.#o.credentials.request(pod, container.role, undefined);
      wanted.push(request);
      if (pod.usesContainerCredentials) prefetch.push(request);
    }
    const keep = new Set(wanted.map((r) => r.key));
    for (const key of [...cache.keysOf(pod.uid)]) if (!keep.has(key)) cache.evict(key);
    const onNode = this.#o.nodeName !== undefined && pod.nodeName === this.#o.nodeName;
    if (!this.#o.prefetch || !onNode || pod.terminating) return;
    for (const request of prefetch) {
      if (cache.lookup(request.key) !== undefined) continue;
      this.#o.log.debug({ pod: `${pod.namespace}/${pod.name}`, podUid: pod.uid, role: request.input.role.arn }, 'prefetch');
      cache.prefetch(request);
    }
  }
}
