// The parts of a core/v1 Pod the webhook reads and writes. Objects keep every other field as it
// came, so a container put back into the patch is the container the API server sent.

/** core/v1 EnvVar. */
export interface EnvVar {
  name: string;
  value?: string;
  [field: string]: unknown;
}

/** core/v1 VolumeMount. */
export interface VolumeMount {
  name: string;
  mountPath?: string;
  readOnly?: boolean;
  [field: string]: unknown;
}

/** core/v1 Container (also used for init containers). */
export interface Container {
  name: string;
  env?: EnvVar[];
  volumeMounts?: VolumeMount[];
  [field: string]: unknown;
}

/** core/v1 ServiceAccountTokenProjection. */
export interface ServiceAccountTokenProjection {
  audience?: string;
  expirationSeconds?: number;
  path: string;
}

/** core/v1 Volume. */
export interface Volume {
  name: string;
  projected?: { sources?: Array<{ serviceAccountToken?: ServiceAccountTokenProjection; [field: string]: unknown }>; [field: string]: unknown };
  [field: string]: unknown;
}

/** core/v1 Pod, as far as the webhook is concerned. */
export interface Pod {
  metadata?: {
    name?: string;
    generateName?: string;
    namespace?: string;
    labels?: Record<string, string> | null;
    annotations?: Record<string, string> | null;
    [field: string]: unknown;
  };
  spec?: {
    serviceAccountName?: string;
    nodeSelector?: Record<string, string> | null;
    containers?: Container[] | null;
    initContainers?: Container[] | null;
    volumes?: Volume[] | null;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** Why a pod object could not be read (the message goes back in the AdmissionResponse). */
export interface PodDecodeError {
  readonly message: string;
}

/**
 * Checks that an AdmissionRequest's object has the shape of a Pod where the webhook looks
 * (as json.Unmarshal into corev1.Pod would refuse a wrong type there).
 */
export function decodePod(raw: unknown): { ok: true; pod: Pod } | { ok: false; error: PodDecodeError } {
  const fail = (message: string) => ({ ok: false as const, error: { message } });
  if (!isRecord(raw)) return fail('json: cannot unmarshal non-object into Go value of type v1.Pod');
  const metadata = raw['metadata'];
  if (metadata !== undefined && metadata !== null && !isRecord(metadata)) return fail('json: cannot unmarshal metadata into Go struct field Pod.metadata of type v1.ObjectMeta');
  if (isRecord(metadata)) {
    for (const field of ['labels', 'annotations'] as const) {
      const map = metadata[field];
      if (map !== undefined && map !== null && (!isRecord(map) || Object.values(map).some((v) => typeof v !== 'string'))) {
        return fail(`json: cannot unmarshal ${field} into Go struct field ObjectMeta.metadata.${field} of type map[string]string`);
      }
    }
  }
  const spec = raw['spec'];
  if (spec !== undefined && spec !== null && !isRecord(spec)) return fail('json: cannot unmarshal spec into Go struct field Pod.spec of type v1.PodSpec');
  if (isRecord(spec)) {
    if (spec['serviceAccountName'] !== undefined && typeof spec['serviceAccountName'] !== 'string') {
      return fail('json: cannot unmarshal serviceAccountName into Go struct field PodSpec.spec.serviceAccountName of type string');
    }
    for (const field of ['containers', 'initContainers', 'volumes'] as const) {
      const list = spec[field];
      if (list === undefined || list === null) continue;
      if (!Array.isArray(list) || list.some((item) => !isRecord(item) || (item['name'] !== undefined && typeof item['name'] !== 'string'))) {
        return fail(`json: cannot unmarshal ${field} into Go struct field PodSpec.spec.${field}`);
      }
      for (const item of list as Record<string, unknown>[]) {
        for (const sub of ['env', 'volumeMounts'] as const) {
          const entries = item[sub];
          if (entries === undefined || entries === null) continue;
          if (!Array.isArray(entries) || entries.some((e) => !isRecord(e) || (e['name'] !== undefined && typeof e['name'] !== 'string'))) {
            return fail(`json: cannot unmarshal ${sub} into Go struct field Container.spec.${field}.${sub}`);
          }
        }
      }
    }
    const selector = spec['nodeSelector'];
    if (selector !== undefined && selector !== null && (!isRecord(selector) || Object.values(selector).some((v) => typeof v !== 'string'))) {
      return fail('json: cannot unmarshal nodeSelector into Go struct field PodSpec.spec.nodeSelector of type map[string]string');
    }
  }
  return { ok: true, pod: raw as Pod };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
