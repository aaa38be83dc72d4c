// Upstream decodes the pod into Go structs and encodes the containers back into its patch, so the
// containers it sends have Go's field order and always carry `resources` (a struct, never
// omitted). podiam puts containers back in the same shape; fields Go does not know stay, after.
import type { Container, EnvVar, VolumeMount } from './pod.ts';

const CONTAINER_FIELDS = [
  'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy',
  'restartPolicy', 'restartPolicyRules', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe',
  'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy',
  'securityContext', 'stdin', 'stdinOnce', 'tty',
];
// Slice fields Go omits when empty (`omitempty`).
const CONTAINER_SLICES = ['command', 'args', 'ports', 'envFrom', 'env', 'resizePolicy', 'restartPolicyRules', 'volumeMounts', 'volumeDevices'];
const ENV_FIELDS = ['name', 'value', 'valueFrom'];
const MOUNT_FIELDS = ['name', 'readOnly', 'recursiveReadOnly', 'mountPath', 'subPath', 'mountPropagation', 'subPathExpr'];

function ordered<T extends Record<string, unknown>>(value: T, order: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const key of order) if (Object.hasOwn(value, key) && value[key] !== undefined) out[key] = value[key];
  for (const [key, v] of Object.entries(value)) if (!Object.hasOwn(out, key) && v !== undefined) out[key] = v;
  return out as T;
}

/** A container as corev1.Container encodes it: Go field order, `resources: {}` when absent. */
export function goContainer(container: Container): Container {
  const shaped: Container = { ...container, resources: container['resources'] ?? {} };
  if (shaped.env !== undefined && shaped.env !== null) shaped.env = shaped.env.map((e: EnvVar) => ordered(e, ENV_FIELDS));
  if (shaped.volumeMounts !== undefined && shaped.volumeMounts !== null) {
    shaped.volumeMounts = shaped.volumeMounts.map((m: VolumeMount) => ordered(m, MOUNT_FIELDS));
  }
  for (const field of CONTAINER_SLICES) {
    const value = shaped[field];
    if (value === null || (Array.isArray(value) && value.length === 0)) delete shaped[field];
  }
  return ordered(shaped, CONTAINER_FIELDS);
}
