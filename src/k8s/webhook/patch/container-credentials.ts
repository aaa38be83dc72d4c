// The container-credentials (EKS Pod Identity) mode: the ServiceAccounts listed in the file named by
// `--watch-container-credentials-config` get AWS_CONTAINER_CREDENTIALS_FULL_URI and
// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE instead of the web-identity variables. The file is
//   {"identities": [{"namespace": "ns", "serviceAccount": "sa"}, ...]}
// An empty file lists nobody; a file that is not that JSON is refused (the previous list stays).

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

/** The ServiceAccounts the file lists, as `namespace/name` keys. */
export interface ContainerCredentialsIdentities {
  readonly keys: ReadonlySet<string>;
}

/** Parses the config file's text; empty text lists nobody. */
export function parseContainerCredentialsConfig(text: string): { ok: true; identities: ContainerCredentialsIdentities } | { ok: false; message: string } {
  if (text.length === 0) return { ok: true, identities: { keys: new Set() } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `error Unmarshalling container credentials config file: ${(error as Error).message}` };
  }
  if (value === null) return { ok: true, identities: { keys: new Set() } };
  if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'error Unmarshalling container credentials config file: not an object' };
  // encoding/json matches field names case-insensitively.
  const field = (o: object, name: string): unknown => {
    const entry = Object.entries(o).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return entry?.[1];
  };
  const list = field(value, 'identities');
  if (list === undefined || list === null) return { ok: true, identities: { keys: new Set() } };
  if (!Array.isArray(list)) return { ok: false, message: 'error Unmarshalling container credentials config file: identities is not an array' };
  const keys = new Set<string>();
  for (const item of list) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return { ok: false, message: 'error Unmarshalling container credentials config file: identity is not an object' };
    }
    const namespace = field(item, 'namespace') ?? '';
    const serviceAccount = field(item, 'serviceAccount') ?? '';
    if (typeof namespace !== 'string' || typeof serviceAccount !== 'string') {
      return { ok: false, message: 'error Unmarshalling container credentials config file: namespace and serviceAccount must be strings' };
    }
    keys.add(`${namespace}/${serviceAccount}`);
  }
  return { ok: true, identities: { keys } };
}

/** Whether the file lists a pod's ServiceAccount. */
export function listsServiceAccount(identities: ContainerCredentialsIdentities | undefined, namespace: string, serviceAccount: string): boolean {
  return identities?.keys.has(`${namespace}/${serviceAccount}`) ?? false;
}
