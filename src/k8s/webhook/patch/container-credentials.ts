// The container-credentials (EKS Pod Identity) mode: the ServiceAccounts listed in the file named by
// `--watch-container-credentials-config` get AWS_CONTAINER_CREDENTIALS_FULL_URI and
// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE instead of the web-identity variables. The file is
//   {"identities": [{"namespace": "ns", "serviceAccount": "sa", "workloadIdentity": true}, ...]}
// An empty file lists nobody; a file that is not that JSON is refused (the previous list stays).
// `workloadIdentity` (optional, false) also gives the pod the EKS Pod Identity agent's SPIFFE Workload
// API socket (upstream pkg/containercredentials/types.go, pkg/handler/workloadidentity.go); when an
// identity is listed twice, the last entry's flag counts, as upstream's map does.

/** The `--container-credentials-*` flags: what a listed ServiceAccount's pods get. */
export interface ContainerCredentialsSettings {
  /** `--container-credentials-audience` (pods.eks.amazonaws.com). */
  readonly audience: string;
  /** `--container-credentials-token-mount-path` (/var/run/secrets/pods.eks.amazonaws.com/serviceaccount). */
  readonly mountPath: string;
  /** `--container-credentials-token-volume-name` (eks-pod-identity-token). */
  readonly volumeName: string;
  /** `--container-credentials-token-path` (eks-pod-identity-token). */
  readonly tokenPath: string;
  /** `--container-credentials-full-uri` (http://169.254.170.23/v1/credentials). */
  readonly fullUri: string;
}

/** Upstream's defaults for the container-credentials flags. */
export const DEFAULT_CONTAINER_CREDENTIALS: ContainerCredentialsSettings = {
  audience: 'pods.eks.amazonaws.com',
  mountPath: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount',
  volumeName: 'eks-pod-identity-token',
  tokenPath: 'eks-pod-identity-token',
  fullUri: 'http://169.254.170.23/v1/credentials',
};

/** The ServiceAccounts the file lists, as `namespace/name` keys, each with its `workloadIdentity` flag. */
export interface ContainerCredentialsIdentities {
  readonly entries: ReadonlyMap<string, boolean>;
}

/** A listed ServiceAccount's entry. */
export interface ContainerCredentialsEntry {
  readonly workloadIdentity: boolean;
}

/** Parses the config file's text; empty text lists nobody. */
export function parseContainerCredentialsConfig(text: string): { ok: true; identities: ContainerCredentialsIdentities } | { ok: false; message: string } {
  if (text.length === 0) return { ok: true, identities: { entries: new Map() } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `error Unmarshalling container credentials config file: ${(error as Error).message}` };
  }
  if (value === null) return { ok: true, identities: { entries: new Map() } };
  if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'error Unmarshalling container credentials config file: not an object' };
  // encoding/json matches field names case-insensitively.
  const field = (o: object, name: string): unknown => {
    const entry = Object.entries(o).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return entry?.[1];
  };
  const list = field(value, 'identities');
  if (list === undefined || list === null) return { ok: true, identities: { entries: new Map() } };
  if (!Array.isArray(list)) return { ok: false, message: 'error Unmarshalling container credentials config file: identities is not an array' };
  const entries = new Map<string, boolean>();
  for (const item of list) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return { ok: false, message: 'error Unmarshalling container credentials config file: identity is not an object' };
    }
    const namespace = field(item, 'namespace') ?? '';
    const serviceAccount = field(item, 'serviceAccount') ?? '';
    if (typeof namespace !== 'string' || typeof serviceAccount !== 'string') {
      return { ok: false, message: 'error Unmarshalling container credentials config file: namespace and serviceAccount must be strings' };
    }
    const workloadIdentity = field(item, 'workloadIdentity') ?? false;
    if (typeof workloadIdentity !== 'boolean') {
      return { ok: false, message: 'error Unmarshalling container credentials config file: workloadIdentity must be a boolean' };
    }
    entries.set(`${namespace}/${serviceAccount}`, workloadIdentity);
  }
  return { ok: true, identities: { entries } };
}

/** Whether the file lists a pod's ServiceAccount. */
export function listsServiceAccount(identities: ContainerCredentialsIdentities | undefined, namespace: string, serviceAccount: string): boolean {
  return containerCredentialsEntry(identities, namespace, serviceAccount) !== undefined;
}

/** The file's entry for a pod's ServiceAccount, or undefined when it is not listed. */
export function containerCredentialsEntry(
  identities: ContainerCredentialsIdentities | undefined,
  namespace: string,
  serviceAccount: string,
): ContainerCredentialsEntry | undefined {
  const workloadIdentity = identities?.entries.get(`${namespace}/${serviceAccount}`);
  return workloadIdentity === undefined ? undefined : { workloadIdentity };
}
