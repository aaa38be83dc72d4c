// Runs amazon-eks-pod-identity-webhook's own handler test scenarios (../testdata, see its README)
// against podiam's patch builder, set up exactly as upstream's handler_pod_test.go sets them up.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyJsonPatch, jsonEqual } from '../../testing/index.ts';
import {
  decidePodMutation,
  decodePod,
  DEFAULT_TOKEN_AUDIENCE,
  DEFAULT_TOKEN_EXPIRATION,
  DEFAULT_TOKEN_MOUNT_PATH,
  readServiceAccountConfig,
  type MutationSettings,
  type PodMutation,
} from './index.ts';

const TESTDATA = join(import.meta.dirname, '..', 'testdata');
const T = 'testing.eks.amazonaws.com';

function scenarioFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? scenarioFiles(join(dir, entry.name), `${prefix}${entry.name}/`)
      : entry.name.endsWith('.yaml')
        ? [`${prefix}${entry.name}`]
        : [],
  );
}

/** The mutation upstream's harness would compute for a scenario pod (buildModifierFromPod and friends). */
function podiamMutation(pod: Record<string, any>): PodMutation {
  const a: Record<string, string> = pod.metadata.annotations ?? {};
  const saAnnotations: Record<string, string> = {};
  const role = a[`${T}/serviceAccount/roleArn`];
  if (role !== undefined) saAnnotations['eks.amazonaws.com/role-arn'] = role;
  const audience = a[`${T}/serviceAccount/audience`];
  if (audience !== undefined) saAnnotations['eks.amazonaws.com/audience'] = audience;
  const sts = a[`${T}/serviceAccount/sts-regional-endpoints`] ?? a[`${T}/handler/injectSTS`];
  if (sts !== undefined) saAnnotations['eks.amazonaws.com/sts-regional-endpoints'] = sts;
  const expiration = a[`${T}/serviceAccount/token-expiration`] ?? a[`${T}/handler/expiration`];
  if (expiration !== undefined) saAnnotations['eks.amazonaws.com/token-expiration'] = expiration;

  const settings: MutationSettings = {
    annotationPrefix: 'eks.amazonaws.com',
    mountPath: a[`${T}/handler/mountPath`] ?? DEFAULT_TOKEN_MOUNT_PATH,
    region: a[`${T}/handler/region`] ?? '',
    containerCredentials: {
      audience: a[`${T}/containercredentials/audience`] ?? '',
      mountPath: a[`${T}/containercredentials/mountPath`] ?? '',
      volumeName: a[`${T}/containercredentials/volumeName`] ?? '',
      tokenPath: a[`${T}/containercredentials/tokenPath`] ?? '',
      fullUri: a[`${T}/containercredentials/uri`] ?? '',
    },
  };
  const decoded = decodePod({ ...pod, metadata: { ...pod.metadata, namespace: 'default' }, spec: { ...pod.spec, serviceAccountName: 'default' } });
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decidePodMutation({
    pod: decoded.pod,
    serviceAccount: {
      found: true,
      config: readServiceAccountConfig(saAnnotations, 'eks.amazonaws.com', {
        audience: DEFAULT_TOKEN_AUDIENCE,
        regionalSts: false,
        tokenExpiration: DEFAULT_TOKEN_EXPIRATION,
      }),
    },
    containerCredentialsListed: (a[`${T}/containercredentials/uri`] ?? '') !== '',
    settings,
    // Upstream's harness uses a random source that always returns 0.
    randomInt: () => 0,
  });
}

/** JSON null and an absent field mean the same to the API server (Go writes nil pointers as null). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  }
  return value;
}

describe('amazon-eks-pod-identity-webhook pkg/handler/testdata scenarios', () => {
  const files = scenarioFiles(TESTDATA);
  it('has the scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  for (const file of files) {
    it(`patches ${file} as upstream does`, () => {
      // Upstream parses with sigs.k8s.io/yaml, where a repeated key keeps its last value.
      const pod = parse(readFileSync(join(TESTDATA, file), 'utf8'), { uniqueKeys: false }) as Record<string, any>;
      expect(pod.metadata.annotations[`${T}/skip`]).toBe('false');
      const expected: unknown = JSON.parse(pod.metadata.annotations[`${T}/expectedPatch`]);
      const mutation = podiamMutation(pod);
      if (expected === null) {
        expect(mutation.kind).toBe('token-volume-conflict');
        return;
      }
      if (mutation.kind !== 'patched') throw new Error(`expected a patch, got ${mutation.kind}`);
      const expectedOps = expected as { path: string }[];
      // The operations come in upstream's order (label, volume, containers, initContainers).
      expect(mutation.operations.map((op) => op.path)).toEqual(expectedOps.map((op) => op.path));
      const upstreamPod = withoutNulls(applyJsonPatch(pod, expectedOps));
      const podiamPod = withoutNulls(applyJsonPatch(pod, [...mutation.operations]));
      expect(podiamPod).toEqual(upstreamPod);
      expect(jsonEqual(podiamPod, upstreamPod)).toBe(true);
    });
  }
});
