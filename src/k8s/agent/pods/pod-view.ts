// The few facts about a pod the agent works with, read once from the API object. Everything after
// this file takes a PodView, never the raw object.
import type { V1Pod } from '@kubernetes/client-node';

/** Kubernetes pod phases (PodStatus.phase). */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** A pod as the agent sees it. */
export interface PodView {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly nodeName: string | undefined;
  readonly serviceAccount: string;
  /** `status.podIPs` (or `status.podIP`), empty before the sandbox has an address. */
  readonly ips: readonly string[];
  readonly hostNetwork: boolean;
  readonly phase: PodPhase;
  /** An init container is running (the pod is Pending but its processes execute). */
  readonly initRunning: boolean;
  /** `metadata.deletionTimestamp` is set: the pod is terminating. */
  readonly terminating: boolean;
  readonly annotations: Readonly<Record<string, string>>;
  /** A container is wired for container credentials (`AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` set). */
  readonly usesContainerCredentials: boolean;
  readonly resourceVersion: string;
}

const PHASES: ReadonlySet<string> = new Set(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);

/** Reads a PodView; undefined for an object without a UID, name or namespace. */
export function podView(pod: V1Pod): PodView | undefined {
  const meta = pod.metadata;
  const uid = meta?.uid;
  const name = meta?.name;
  const namespace = meta?.namespace;
  if (uid === undefined || name === undefined || namespace === undefined || uid === '' || name === '') return undefined;
  const status = pod.status;
  const ips = new Set<string>();
  for (const entry of status?.podIPs ?? []) if (entry.ip !== undefined && entry.ip !== '') ips.add(normaliseIp(entry.ip));
  if (status?.podIP !== undefined && status.podIP !== '') ips.add(normaliseIp(status.podIP));
  const phaseText = status?.phase ?? 'Pending';
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  return {
    uid,
    namespace,
    name,
    nodeName: pod.spec?.nodeName,
    serviceAccount: pod.spec?.serviceAccountName ?? 'default',
    ips: [...ips],
    hostNetwork: pod.spec?.hostNetwork === true,
    phase: PHASES.has(phaseText) ? (phaseText as PodPhase) : 'Unknown',
    initRunning: (status?.initContainerStatuses ?? []).some((s) => s.state?.running !== undefined),
    terminating: meta?.deletionTimestamp !== undefined && meta.deletionTimestamp !== null,
    annotations: { ...(meta?.annotations ?? {}) },
    usesContainerCredentials: containers.some((c) => (c.env ?? []).some((e) => e.name === 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE')),
    resourceVersion: meta?.resourceVersion ?? '',
  };
}

/** Whether the pod's processes may be running with its IP: Running, or Pending with an init container running. */
export function isLive(pod: PodView): boolean {
  return pod.phase === 'Running' || (pod.phase === 'Pending' && pod.initRunning);
}

/** Lower-cases IPv6 and strips the IPv4-mapped prefix so addresses compare as the socket reports them. */
export function normaliseIp(ip: string): string {
  const lower = ip.toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}
