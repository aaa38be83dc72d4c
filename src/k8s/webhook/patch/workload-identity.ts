// Workload identity for container-credentials identities listed with `workloadIdentity: true`
// (upstream pkg/handler/workloadidentity.go): every mutated container gets SPIFFE_ENDPOINT_SOCKET
// and a read-only mount of the EKS Pod Identity agent's socket directory, and the pod a CSI volume
// of the spiffe.csi.eks.amazonaws.com driver appended to its volumes. A container's own variable or
// mount of that name, and a pod's own volume of that name, are kept. Not for Windows pods.
import type { AddOperation } from './build-patch.ts';
import type { Container, Volume } from './pod.ts';

/** The SPIFFE Workload API endpoint variable (name fixed by the SPIFFE specification). */
export const SPIFFE_ENDPOINT_SOCKET = 'SPIFFE_ENDPOINT_SOCKET';
/** The directory the CSI driver publishes the agent's socket into. */
export const WORKLOAD_IDENTITY_SOCKET_MOUNT_PATH = '/var/run/secrets/pods.eks.amazonaws.com/workloadidentity';
/** The agent's socket inside that directory. */
export const WORKLOAD_IDENTITY_SOCKET_PATH = `${WORKLOAD_IDENTITY_SOCKET_MOUNT_PATH}/agent.sock`;
/** The pod volume (and container mount) name of the socket directory. */
export const WORKLOAD_IDENTITY_SOCKET_VOLUME_NAME = 'eks-workload-identity-socket';
/** The CSI driver that publishes the socket. */
export const WORKLOAD_IDENTITY_CSI_DRIVER = 'spiffe.csi.eks.amazonaws.com';

/** addWorkloadIdentityToContainer: the container with the socket variable and mount, and whether either was added. */
export function addWorkloadIdentityToContainer(container: Container, enabled: boolean): { container: Container; changed: boolean } {
  if (!enabled) return { container, changed: false };
  let changed = false;
  const result: Container = { ...container };
  if (!(container.env ?? []).some((e) => e.name === SPIFFE_ENDPOINT_SOCKET)) {
    result.env = [...(container.env ?? []), { name: SPIFFE_ENDPOINT_SOCKET, value: `unix://${WORKLOAD_IDENTITY_SOCKET_PATH}` }];
    changed = true;
  }
  if (!(container.volumeMounts ?? []).some((m) => m.name === WORKLOAD_IDENTITY_SOCKET_VOLUME_NAME)) {
    result.volumeMounts = [...(container.volumeMounts ?? []), { name: WORKLOAD_IDENTITY_SOCKET_VOLUME_NAME, mountPath: WORKLOAD_IDENTITY_SOCKET_MOUNT_PATH, readOnly: true }];
    changed = true;
  }
  return { container: result, changed };
}

/** workloadIdentityPodVolumePatch: `add /spec/volumes/-` of the CSI socket volume, unless the pod has a volume of that name. */
export function workloadIdentityVolumeOperation(volumes: readonly Volume[], enabled: boolean): AddOperation | undefined {
  if (!enabled || volumes.some((v) => v.name === WORKLOAD_IDENTITY_SOCKET_VOLUME_NAME)) return undefined;
  return { op: 'add', path: '/spec/volumes/-', value: { name: WORKLOAD_IDENTITY_SOCKET_VOLUME_NAME, csi: { driver: WORKLOAD_IDENTITY_CSI_DRIVER, readOnly: true } } };
}
