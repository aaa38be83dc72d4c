// MutatePod's decision for one pod, as a value: not mutated (and why), refused because the token
// volume name is taken, or the JSONPatch. Pure: lookups happen before, I/O after.
import { buildPodPatch, type AddOperation } from './build-patch.ts';
import { buildPodPatchConfig, type PatchConfigInput, type PodPatchConfig } from './patch-config.ts';

/** What the webhook does with a pod. */
export type PodMutation =
  | { readonly kind: 'not-mutated'; readonly reason: 'service-account-not-found' | 'no-role' }
  | { readonly kind: 'token-volume-conflict'; readonly config: PodPatchConfig; readonly volumeSource: string }
  | { readonly kind: 'patched'; readonly config: PodPatchConfig; readonly operations: readonly AddOperation[]; readonly changed: boolean };

/** Decides how a pod is mutated. */
export function decidePodMutation(input: PatchConfigInput): PodMutation {
  const config = buildPodPatchConfig(input);
  if (config === undefined) return { kind: 'not-mutated', reason: input.serviceAccount.found ? 'no-role' : 'service-account-not-found' };
  const result = buildPodPatch(input.pod, config, input.settings.region);
  switch (result.kind) {
    case 'token-volume-conflict':
      return { kind: 'token-volume-conflict', config, volumeSource: result.volumeSource };
    case 'patch':
      return { kind: 'patched', config, operations: result.operations, changed: result.changed };
    default: {
      const never: never = result;
      return never;
    }
  }
}
