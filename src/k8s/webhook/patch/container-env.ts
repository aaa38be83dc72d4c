// addEnvToContainer: the variables and the token mount one container gets. Variables the container
// already sets are left alone: either web-identity variable (or either container-credentials one)
// counts as the method being configured, either region variable as the region being set.
import type { PodPatchConfig } from './patch-config.ts';
import type { Container, EnvVar } from './pod.ts';
import { addWorkloadIdentityToContainer } from './workload-identity.ts';

export const AWS_ROLE_ARN = 'AWS_ROLE_ARN';
export const AWS_WEB_IDENTITY_TOKEN_FILE = 'AWS_WEB_IDENTITY_TOKEN_FILE';
export const AWS_CONTAINER_CREDENTIALS_FULL_URI = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
export const AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE';
export const AWS_REGION = 'AWS_REGION';
export const AWS_DEFAULT_REGION = 'AWS_DEFAULT_REGION';
export const AWS_STS_REGIONAL_ENDPOINTS = 'AWS_STS_REGIONAL_ENDPOINTS';

/** The container after mutation and whether anything was added. */
export interface ContainerMutation {
  readonly container: Container;
  readonly changed: boolean;
}

/**
 * Adds the credential variables and the token volume mount to one container (and, first, the
 * workload-identity socket variable and mount when `workloadIdentity` is on).
 */
export function addEnvToContainer(original: Container, tokenFilePath: string, config: PodPatchConfig, region: string, workloadIdentity = false): ContainerMutation {
  const names = new Set((original.env ?? []).map((e) => e.name));
  const webIdentityDefined = names.has(AWS_ROLE_ARN) || names.has(AWS_WEB_IDENTITY_TOKEN_FILE);
  const containerCredentialsDefined = names.has(AWS_CONTAINER_CREDENTIALS_FULL_URI) || names.has(AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE);
  const regionDefined = names.has(AWS_REGION) || names.has(AWS_DEFAULT_REGION);
  const regionalStsDefined = names.has(AWS_STS_REGIONAL_ENDPOINTS);
  const methodDefined = config.method === 'container_credentials' ? containerCredentialsDefined : webIdentityDefined;

  const socket = addWorkloadIdentityToContainer(original, workloadIdentity);
  const container = socket.container;
  // Everything already there: the container is left exactly as it is (no mount added either).
  if (methodDefined && regionDefined && regionalStsDefined && !socket.changed) return { container, changed: false };

  let changed = socket.changed;
  const env: EnvVar[] = [...(container.env ?? [])];
  if (!regionalStsDefined && config.useRegionalSts) {
    env.push({ name: AWS_STS_REGIONAL_ENDPOINTS, value: 'regional' });
    changed = true;
  }
  if (!regionDefined && region !== '') {
    env.push({ name: AWS_DEFAULT_REGION, value: region }, { name: AWS_REGION, value: region });
    changed = true;
  }
  if (!methodDefined) {
    if (config.method === 'container_credentials') {
      env.push({ name: AWS_CONTAINER_CREDENTIALS_FULL_URI, value: config.fullUri ?? '' }, { name: AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, value: tokenFilePath });
    } else {
      env.push({ name: AWS_ROLE_ARN, value: config.roleArn ?? '' }, { name: AWS_WEB_IDENTITY_TOKEN_FILE, value: tokenFilePath });
    }
    changed = true;
  }
  const mounts = [...(container.volumeMounts ?? [])];
  if (!mounts.some((m) => m.name === config.volumeName)) {
    mounts.push({ name: config.volumeName, readOnly: true, mountPath: config.mountPath });
    changed = true;
  }
  const result: Container = { ...container, volumeMounts: mounts };
  // A container that had no env and got none keeps no env field (Go omits an empty slice).
  if (env.length > 0) result.env = env;
  return { container: result, changed };
}
