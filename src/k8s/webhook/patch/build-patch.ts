// getPodSpecPatch: the JSONPatch for one pod, in upstream's order of operations:
//   1. container-credentials mode: the `eks.amazonaws.com/pod-identity: enabled` label
//   2. the projected token volume, unless the pod already has it (`add /spec/volumes` when the pod
//      has no volumes list, else `add /spec/volumes/0`)
//   3. workload identity: `add /spec/volumes/-` of the SPIFFE socket's CSI volume
//   4. `add /spec/containers` with every container (skipped ones unchanged)
//   5. `add /spec/initContainers` when the pod has init containers
// A pod that already uses the token volume's name for anything but this projected token is not
// mutated: its containers would be pointed at a token file that does not exist.
import { POD_IDENTITY_LABEL } from './annotations.ts';
import { addEnvToContainer } from './container-env.ts';
import { goContainer } from './go-shape.ts';
import type { PodPatchConfig } from './patch-config.ts';
import type { Container, Pod, Volume } from './pod.ts';
import { workloadIdentityVolumeOperation } from './workload-identity.ts';

/** One JSONPatch operation as the webhook emits them (always `add`). */
export interface AddOperation {
  readonly op: 'add';
  readonly path: string;
  readonly value: unknown;
}

/** The patch for a pod, or why none is given. */
export type PodPatchResult =
  | { readonly kind: 'patch'; readonly operations: readonly AddOperation[]; readonly changed: boolean }
  | { readonly kind: 'token-volume-conflict'; readonly volumeSource: string };

/** Builds the JSONPatch that wires a pod to its credentials. */
export function buildPodPatch(pod: Pod, config: PodPatchConfig, region: string): PodPatchResult {
  const existing = findTokenVolume(pod.spec?.volumes ?? [], config);
  if (existing !== undefined && !existing.injected) return { kind: 'token-volume-conflict', volumeSource: volumeSourceType(existing.volume) };

  let tokenFilePath = goJoin(config.mountPath, config.tokenPath);
  let workloadIdentity = config.workloadIdentity;
  const selector = pod.spec?.nodeSelector ?? {};
  if (selector['beta.kubernetes.io/os'] === 'windows' || selector['kubernetes.io/os'] === 'windows') {
    // /var/run/secrets/eks.amazonaws.com/serviceaccount/token -> C:\var\run\secrets\eks.amazonaws.com\serviceaccount\token
    tokenFilePath = `C:${tokenFilePath.replaceAll('/', '\\')}`;
    // Upstream: workload identity socket injection is not yet supported for Windows pods.
    workloadIdentity = false;
  }

  let changed = false;
  const mutate = (containers: readonly Container[]): Container[] =>
    containers.map((container) => {
      if (config.containersToSkip.has(container.name)) return goContainer(container);
      const result = addEnvToContainer(container, tokenFilePath, config, region, workloadIdentity);
      if (result.changed) changed = true;
      return goContainer(result.container);
    });
  const initContainers = mutate(pod.spec?.initContainers ?? []);
  const containers = mutate(pod.spec?.containers ?? []);

  const operations: AddOperation[] = [];
  if (config.method === 'container_credentials') {
    const labels = pod.metadata?.labels;
    operations.push(
      labels === undefined || labels === null
        ? { op: 'add', path: '/metadata/labels', value: { [POD_IDENTITY_LABEL]: 'enabled' } }
        : { op: 'add', path: `/metadata/labels/${escapePointer(POD_IDENTITY_LABEL)}`, value: 'enabled' },
    );
    changed = true;
  }
  if (existing === undefined) {
    const volume: Volume = {
      name: config.volumeName,
      projected: {
        sources: [{ serviceAccountToken: { audience: config.audience, expirationSeconds: config.tokenExpiration, path: config.tokenPath } }],
      },
    };
    const volumes = pod.spec?.volumes;
    operations.push(
      volumes === undefined || volumes === null
        ? { op: 'add', path: '/spec/volumes', value: [volume] }
        : { op: 'add', path: '/spec/volumes/0', value: volume },
    );
    changed = true;
  }
  const socketVolume = workloadIdentityVolumeOperation(pod.spec?.volumes ?? [], workloadIdentity);
  if (socketVolume !== undefined) {
    operations.push(socketVolume);
    changed = true;
  }
  operations.push({ op: 'add', path: '/spec/containers', value: containers });
  if (initContainers.length > 0) operations.push({ op: 'add', path: '/spec/initContainers', value: initContainers });
  return { kind: 'patch', operations, changed };
}

/** findTokenVolume: the volume using the reserved name, and whether it is this projected token. */
function findTokenVolume(volumes: readonly Volume[], config: PodPatchConfig): { volume: Volume; injected: boolean } | undefined {
  const volume = volumes.find((v) => v.name === config.volumeName);
  if (volume === undefined) return undefined;
  const sources = volume.projected?.sources ?? [];
  const injected = sources.some((s) => s.serviceAccountToken !== undefined && s.serviceAccountToken !== null
    && (s.serviceAccountToken.audience ?? '') === config.audience && s.serviceAccountToken.path === config.tokenPath);
  return { volume, injected };
}

const VOLUME_SOURCES: ReadonlyArray<readonly [string, string]> = [
  ['hostPath', 'HostPath'], ['emptyDir', 'EmptyDir'], ['secret', 'Secret'], ['configMap', 'ConfigMap'],
  ['persistentVolumeClaim', 'PersistentVolumeClaim'], ['projected', 'Projected'], ['downwardAPI', 'DownwardAPI'], ['csi', 'CSI'], ['nfs', 'NFS'],
];

function volumeSourceType(volume: Volume): string {
  return VOLUME_SOURCES.find(([field]) => volume[field] !== undefined && volume[field] !== null)?.[1] ?? 'other';
}

/** RFC 6901 escaping of one JSON Pointer token. */
function escapePointer(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Go's filepath.Join on Linux: join the non-empty elements with '/', then Clean. */
export function goJoin(...elements: string[]): string {
  const joined = elements.filter((e) => e !== '').join('/');
  if (joined === '') return '';
  const rooted = joined.startsWith('/');
  const out: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const body = out.join('/');
  if (rooted) return `/${body}`;
  return body === '' ? '.' : body;
}
