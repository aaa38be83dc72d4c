// The pure core of the admission webhook: a pod, its ServiceAccount's annotations and the flags in,
// the JSONPatch out, exactly as amazon-eks-pod-identity-webhook builds it. No I/O.
export { decidePodMutation, type PodMutation } from './decide-mutation.ts';
export { buildPodPatchConfig, type CredentialMethod, type PatchConfigInput, type PodPatchConfig, type ServiceAccountLookup } from './patch-config.ts';
export { buildPodPatch, goJoin, type AddOperation, type PodPatchResult } from './build-patch.ts';
export { addEnvToContainer } from './container-env.ts';
export * from './annotations.ts';
export * from './container-credentials.ts';
export * from './settings.ts';
export * from './token-expiration.ts';
export { parseGoBool, parseGoInt64 } from './go-strconv.ts';
export { parseSkipContainers } from './skip-containers.ts';
export { decodePod, type Container, type EnvVar, type Pod, type PodDecodeError, type Volume, type VolumeMount } from './pod.ts';
export * from './workload-identity.ts';
