// Credentials for a pod and its role: the cache key (role ARN + external ID + session identity) and the
// STS request built from the pod, remembered per pod object.
import type { RoleArn } from '../../../aws/arn/index.ts';
import type { PodView } from '../pods/pod-view.ts';
import { sessionName, sessionTags } from '../sts/session-identity.ts';
import type { IssuedCredentials } from '../sts/role-assumer.ts';
import type { CredentialCache, CredentialRequest, FetchAnswer } from './credential-cache.ts';

/** Builds cache requests for pods and answers them from the cache. */
export class PodCredentials {
  readonly cache: CredentialCache;
  readonly #durationSeconds: number;
  readonly #nodeName: string | undefined;
  readonly #requests = new WeakMap<PodView, Map<string, CredentialRequest>>();

  constructor(cache: CredentialCache, durationSeconds: number, nodeName: string | undefined) {
    this.cache = cache;
    this.#durationSeconds = durationSeconds;
    this.#nodeName = nodeName;
  }

  /** The cache request for this pod and role. */
  request(pod: PodView, role: RoleArn, externalId: string | undefined): CredentialRequest {
    let byRole = this.#requests.get(pod);
    if (byRole === undefined) this.#requests.set(pod, (byRole = new Map()));
    const memoKey = `${role.arn}\u0000${externalId ?? ''}`;
    const known = byRole.get(memoKey);
    if (known !== undefined) return known;
    const name = sessionName(pod);
    const request: CredentialRequest = {
      key: `${memoKey}\u0000${name}\u0000${pod.uid}`,
      owner: pod.uid,
      input: { role, externalId, sessionName: name, tags: sessionTags(pod, pod.nodeName ?? this.#nodeName), durationSeconds: this.#durationSeconds },
    };
    byRole.set(memoKey, request);
    return request;
  }

  /** Cached credentials (synchronously) or the pending fetch. */
  get(request: CredentialRequest): IssuedCredentials | Promise<FetchAnswer> {
    return this.cache.lookup(request.key) ?? this.cache.fetch(request);
  }
}
