// Test support: Kubernetes objects as the API server returns them.
import type { V1Namespace, V1Pod, V1ServiceAccount } from '@kubernetes/client-node';

/** Options for a test pod. */
export interface PodSpecOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly node?: string;
  readonly ip?: string | undefined;
  readonly phase?: string;
  readonly hostNetwork?: boolean;
  readonly annotations?: Record<string, string>;
  readonly serviceAccount?: string;
  readonly containerCredentials?: boolean;
  readonly initRunning?: boolean;
  readonly terminating?: boolean;
}

let uidSerial = 0;

/** A pod object. */
export function podObject(o: PodSpecOptions): V1Pod {
  const ip = o.ip;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: o.name,
      namespace: o.namespace ?? 'default',
      uid: o.uid ?? `00000000-0000-4000-8000-${String(++uidSerial).padStart(12, '0')}`,
      annotations: o.annotations ?? {},
      ...(o.terminating === true ? { deletionTimestamp: new Date() } : {}),
    },
    spec: {
      nodeName: o.node ?? 'node-a',
      hostNetwork: o.hostNetwork ?? false,
      serviceAccountName: o.serviceAccount ?? 'default',
      containers: [
        {
          name: 'app',
          image: 'app',
          ...(o.containerCredentials === true ? { env: [{ name: 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', value: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token' }] } : {}),
        },
      ],
    },
    status: {
      phase: o.phase ?? (ip === undefined ? 'Pending' : 'Running'),
      ...(ip === undefined ? {} : { podIP: ip, podIPs: [{ ip }] }),
      ...(o.initRunning === true ? { initContainerStatuses: [{ name: 'init', image: 'init', imageID: '', ready: false, restartCount: 0, state: { running: { startedAt: new Date() } } }] } : {}),
    },
  };
}

/** A namespace object. */
export function namespaceObject(name: string, annotations: Record<string, string> = {}): V1Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, annotations, uid: `ns-${name}` } };
}

/** A service-account object. */
export function serviceAccountObject(namespace: string, name: string, annotations: Record<string, string> = {}): V1ServiceAccount {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, annotations, uid: `sa-${namespace}-${name}` } };
}
