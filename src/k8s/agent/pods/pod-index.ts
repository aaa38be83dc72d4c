// Which pod owns an IP, right now. Identity binding rules (podiam's answer to kiam#499 and kube2iam's
// shared-IP faults):
//  - only pods whose processes can be running hold their IP: Running, or Pending with an init
//    container running. Succeeded/Failed pods keep `status.podIP` after the CNI has released the address
//    for reuse, so they never hold it;
//  - host-network pods never hold an IP: they share the node's address, so an answer for that address
//    would give one host-network pod's role to every process on the node;
//  - an IP claimed by two live pods (a stale watch during IP reuse) belongs to neither until one goes.
// The index is keyed by pod UID, so a new pod reusing a name or an IP is a different owner.
import { isLive, type PodView } from './pod-view.ts';

/** The owner of an IP. */
export type IpOwner =
  | { readonly kind: 'pod'; readonly pod: PodView }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'duplicate'; readonly pods: readonly PodView[] };

const UNKNOWN: IpOwner = { kind: 'unknown' };

/** Pods by UID and live pods by IP. */
export class PodIndex {
  readonly #byUid = new Map<string, PodView>();
  readonly #byIp = new Map<string, Set<string>>();
  readonly #waiters = new Map<string, Set<() => void>>();

  /** Adds or replaces a pod (by UID). */
  upsert(pod: PodView): void {
    const previous = this.#byUid.get(pod.uid);
    if (previous !== undefined) this.#unlinkIps(previous);
    this.#byUid.set(pod.uid, pod);
    if (holdsIps(pod)) {
      for (const ip of pod.ips) {
        let owners = this.#byIp.get(ip);
        if (owners === undefined) this.#byIp.set(ip, (owners = new Set()));
        owners.add(pod.uid);
        this.#wake(ip);
      }
    }
  }

  /** Removes a pod; returns what was removed. */
  remove(uid: string): PodView | undefined {
    const pod = this.#byUid.get(uid);
    if (pod === undefined) return undefined;
    this.#unlinkIps(pod);
    this.#byUid.delete(uid);
    return pod;
  }

  /** The pod with this UID (live or not). */
  byUid(uid: string): PodView | undefined {
    return this.#byUid.get(uid);
  }

  /** The live pod holding this IP. */
  ownerOf(ip: string): IpOwner {
    const owners = this.#byIp.get(ip);
    if (owners === undefined) return UNKNOWN;
    if (owners.size === 1) {
      for (const uid of owners) {
        const pod = this.#byUid.get(uid);
        return pod === undefined ? UNKNOWN : { kind: 'pod', pod };
      }
    }
    const pods: PodView[] = [];
    for (const uid of owners) {
      const pod = this.#byUid.get(uid);
      if (pod !== undefined) pods.push(pod);
    }
    return { kind: 'duplicate', pods };
  }

  /**
   * The owner of an IP, waiting up to `timeoutMs` for the watch to report a pod that is unknown now
   * (a pod's first request can race the watch event that announces it; kube2iam answers 404 then).
   */
  async waitForOwner(ip: string, timeoutMs: number): Promise<IpOwner> {
    const now = this.ownerOf(ip);
    if (now.kind !== 'unknown' || timeoutMs <= 0) return now;
    await new Promise<void>((resolve) => {
      let waiters = this.#waiters.get(ip);
      if (waiters === undefined) this.#waiters.set(ip, (waiters = new Set()));
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0 && this.#waiters.get(ip) === waiters) this.#waiters.delete(ip);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      waiters.add(done);
    });
    return this.ownerOf(ip);
  }

  /** Every pod known (for metrics and prefetch). */
  pods(): IterableIterator<PodView> {
    return this.#byUid.values();
  }

  /** Number of pods known. */
  get size(): number {
    return this.#byUid.size;
  }

  #unlinkIps(pod: PodView): void {
    for (const ip of pod.ips) {
      const owners = this.#byIp.get(ip);
      if (owners === undefined) continue;
      owners.delete(pod.uid);
      if (owners.size === 0) this.#byIp.delete(ip);
    }
  }

  #wake(ip: string): void {
    const waiters = this.#waiters.get(ip);
    if (waiters === undefined) return;
    for (const done of [...waiters]) done();
  }
}

function holdsIps(pod: PodView): boolean {
  return !pod.hostNetwork && isLive(pod);
}
