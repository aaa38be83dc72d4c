// The container-credentials identities listed with `workloadIdentity: true`, as upstream's
// pkg/handler/workloadidentity_test.go tests them (TestAddWorkloadIdentityToContainer,
// TestWorkloadIdentityPodVolumePatch, TestMutatePodWorkloadIdentityInjection).
import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../testing/index.ts';
import {
  addWorkloadIdentityToContainer,
  containerCredentialsEntry,
  decidePodMutation,
  DEFAULT_CONTAINER_CREDENTIALS,
  DEFAULT_TOKEN_MOUNT_PATH,
  parseContainerCredentialsConfig,
  workloadIdentityVolumeOperation,
  type Container,
  type MutationSettings,
  type Pod,
} from './index.ts';

const SOCKET_ENV = { name: 'SPIFFE_ENDPOINT_SOCKET', value: 'unix:///var/run/secrets/pods.eks.amazonaws.com/workloadidentity/agent.sock' };
const SOCKET_MOUNT = { name: 'eks-workload-identity-socket', mountPath: '/var/run/secrets/pods.eks.amazonaws.com/workloadidentity', readOnly: true };
const SOCKET_VOLUME = { name: 'eks-workload-identity-socket', csi: { driver: 'spiffe.csi.eks.amazonaws.com', readOnly: true } };

describe('addWorkloadIdentityToContainer (upstream TestAddWorkloadIdentityToContainer)', () => {
  it('disabled leaves the container unchanged', () => {
    const container: Container = { name: 'c', env: [{ name: 'EXISTING_ENV', value: 'value' }], volumeMounts: [{ name: 'existing-volume', mountPath: '/existing' }] };
    expect(addWorkloadIdentityToContainer(container, false)).toEqual({ container, changed: false });
  });
  it('enabled adds the socket environment variable and mount', () => {
    expect(addWorkloadIdentityToContainer({ name: 'c' }, true)).toEqual({ container: { name: 'c', env: [SOCKET_ENV], volumeMounts: [SOCKET_MOUNT] }, changed: true });
  });
  it("preserves a user-defined socket environment variable (still adds the mount)", () => {
    const own = { name: 'SPIFFE_ENDPOINT_SOCKET', value: 'unix:///custom/agent.sock' };
    expect(addWorkloadIdentityToContainer({ name: 'c', env: [own] }, true)).toEqual({ container: { name: 'c', env: [own], volumeMounts: [SOCKET_MOUNT] }, changed: true });
  });
  it('preserves a user-defined socket volume mount (still adds the variable)', () => {
    const own = { name: 'eks-workload-identity-socket', mountPath: '/custom/socket' };
    expect(addWorkloadIdentityToContainer({ name: 'c', volumeMounts: [own] }, true)).toEqual({ container: { name: 'c', env: [SOCKET_ENV], volumeMounts: [own] }, changed: true });
  });
});

describe('workloadIdentityPodVolumePatch (upstream TestWorkloadIdentityPodVolumePatch)', () => {
  it('appends the read-only CSI volume, none when disabled or when the pod has a volume of that name', () => {
    expect(workloadIdentityVolumeOperation([], false)).toBeUndefined();
    expect(workloadIdentityVolumeOperation([{ name: 'existing-volume' }], true)).toEqual({ op: 'add', path: '/spec/volumes/-', value: SOCKET_VOLUME });
    expect(workloadIdentityVolumeOperation([{ name: 'existing-volume' }, { name: 'eks-workload-identity-socket', emptyDir: {} }], true)).toBeUndefined();
  });
});

describe('container-credentials config: workloadIdentity (upstream pkg/containercredentials FileConfig.Get)', () => {
  it('is false unless set, and the last entry of an identity listed twice counts', () => {
    const parsed = parseContainerCredentialsConfig(
      '{"identities":[{"namespace":"a","serviceAccount":"x"},{"namespace":"b","serviceAccount":"y","workloadIdentity":true},{"namespace":"b","serviceAccount":"y","workloadIdentity":false}]}',
    );
    if (!parsed.ok) throw new Error(parsed.message);
    expect(containerCredentialsEntry(parsed.identities, 'a', 'x')).toEqual({ workloadIdentity: false });
    expect(containerCredentialsEntry(parsed.identities, 'b', 'y')).toEqual({ workloadIdentity: false });
    expect(containerCredentialsEntry(parsed.identities, 'a', 'y')).toBeUndefined();
  });
});

describe('MutatePod with workload identity (upstream TestMutatePodWorkloadIdentityInjection)', () => {
  const settings: MutationSettings = { annotationPrefix: 'eks.amazonaws.com', mountPath: DEFAULT_TOKEN_MOUNT_PATH, region: '', containerCredentials: DEFAULT_CONTAINER_CREDENTIALS };
  const pod = (nodeSelector?: Record<string, string>): Pod => ({
    metadata: { namespace: 'default' },
    spec: { serviceAccountName: 'default', ...(nodeSelector === undefined ? {} : { nodeSelector }), containers: [{ name: 'app', image: 'amazonlinux' }] },
  });
  const mutate = (p: Pod, workloadIdentity: boolean) => {
    const m = decidePodMutation({ pod: p, serviceAccount: { found: false }, containerCredentialsListed: true, containerCredentialsWorkloadIdentity: workloadIdentity, settings, randomInt: () => 0 });
    if (m.kind !== 'patched') throw new Error(m.kind);
    return m;
  };

  it('enabled: the socket variable and mount come first in the container, the CSI volume after the token volume', () => {
    const m = mutate(pod(), true);
    expect(m.operations.map((op) => op.path)).toEqual(['/metadata/labels', '/spec/volumes', '/spec/volumes/-', '/spec/containers']);
    const patched = applyJsonPatch(pod() as never, m.operations as never) as any;
    expect(patched.spec.volumes).toEqual([
      { name: 'eks-pod-identity-token', projected: { sources: [{ serviceAccountToken: { audience: 'pods.eks.amazonaws.com', expirationSeconds: 79200, path: 'eks-pod-identity-token' } }] } },
      SOCKET_VOLUME,
    ]);
    expect(patched.spec.containers).toEqual([
      {
        name: 'app',
        image: 'amazonlinux',
        env: [
          SOCKET_ENV,
          { name: 'AWS_CONTAINER_CREDENTIALS_FULL_URI', value: 'http://169.254.170.23/v1/credentials' },
          { name: 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', value: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token' },
        ],
        resources: {},
        volumeMounts: [
          { name: 'eks-workload-identity-socket', readOnly: true, mountPath: '/var/run/secrets/pods.eks.amazonaws.com/workloadidentity' },
          { name: 'eks-pod-identity-token', readOnly: true, mountPath: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount' },
        ],
      },
    ]);
  });

  it('disabled: no socket variable, mount or volume', () => {
    const text = JSON.stringify(mutate(pod(), false).operations);
    expect(text).not.toContain('SPIFFE_ENDPOINT_SOCKET');
    expect(text).not.toContain('eks-workload-identity-socket');
  });

  it('not yet supported on Windows: the Windows token path and no socket', () => {
    const m = mutate(pod({ 'kubernetes.io/os': 'windows' }), true);
    const text = JSON.stringify(m.operations);
    expect(text).toContain(JSON.stringify('C:\\var\\run\\secrets\\pods.eks.amazonaws.com\\serviceaccount\\eks-pod-identity-token'));
    expect(text).not.toContain('eks-workload-identity-socket');
  });

  it('a container that already has every variable still gets the socket, and then the token mount too', () => {
    const full: Pod = {
      metadata: { namespace: 'default', labels: {} },
      spec: {
        serviceAccountName: 'default',
        volumes: [],
        containers: [{ name: 'app', env: [{ name: 'AWS_CONTAINER_CREDENTIALS_FULL_URI', value: 'x' }, { name: 'AWS_REGION', value: 'r' }, { name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'regional' }] }],
      },
    };
    const m = mutate(full, true);
    const container = (m.operations.find((op) => op.path === '/spec/containers')?.value as Container[])[0];
    expect(container?.env?.map((e) => e.name)).toEqual(['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_REGION', 'AWS_STS_REGIONAL_ENDPOINTS', 'SPIFFE_ENDPOINT_SOCKET']);
    expect(container?.volumeMounts?.map((v) => v.name)).toEqual(['eks-workload-identity-socket', 'eks-pod-identity-token']);
  });
});
