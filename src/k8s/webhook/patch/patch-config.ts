// buildPodPatchConfig: which credential method a pod gets and with which parameters, merged from
// the container-credentials file, the ServiceAccount's annotations, the flags and the pod's own
// annotations. Precedence (upstream): container credentials > web identity;
//   audience:        ServiceAccount annotation > flag
//   regional STS:    ServiceAccount annotation > flag
//   token lifetime:  pod annotation > ServiceAccount annotation > flag
import { readPodAnnotations, type ServiceAccountConfig } from './annotations.ts';
import type { Pod } from './pod.ts';
import { WEB_IDENTITY_TOKEN_PATH, WEB_IDENTITY_VOLUME_NAME, type MutationSettings } from './settings.ts';
import { parseSkipContainers } from './skip-containers.ts';
import { DEFAULT_TOKEN_EXPIRATION, jitterDefaultTokenExpiration, type RandomInt } from './token-expiration.ts';

/** The result of looking a pod's ServiceAccount up. */
export type ServiceAccountLookup = { readonly found: true; readonly config: ServiceAccountConfig } | { readonly found: false };

/** The credential method a mutated pod is given. */
export type CredentialMethod = 'sts_web_identity' | 'container_credentials';

/** Everything the patch builder needs for one pod. */
export interface PodPatchConfig {
  readonly method: CredentialMethod;
  readonly containersToSkip: ReadonlySet<string>;
  readonly tokenExpiration: number;
  readonly useRegionalSts: boolean;
  readonly audience: string;
  readonly mountPath: string;
  readonly volumeName: string;
  readonly tokenPath: string;
  /** AWS_ROLE_ARN, in the web-identity method. */
  readonly roleArn: string | undefined;
  /** AWS_CONTAINER_CREDENTIALS_FULL_URI, in the container-credentials method. */
  readonly fullUri: string | undefined;
  /** The SPIFFE Workload API socket too (container-credentials identities with `workloadIdentity`). */
  readonly workloadIdentity: boolean;
}

/** Inputs of `buildPodPatchConfig`. */
export interface PatchConfigInput {
  readonly pod: Pod;
  readonly serviceAccount: ServiceAccountLookup;
  /** Whether the container-credentials file lists the pod's ServiceAccount. */
  readonly containerCredentialsListed: boolean;
  /** The listed identity's `workloadIdentity` flag (false when absent). */
  readonly containerCredentialsWorkloadIdentity?: boolean;
  readonly settings: MutationSettings;
  readonly randomInt: RandomInt;
}

/** The pod's patch configuration, or undefined when the pod is not to be mutated. */
export function buildPodPatchConfig(input: PatchConfigInput): PodPatchConfig | undefined {
  const { pod, serviceAccount, settings } = input;
  const podSettings = readPodAnnotations(pod.metadata?.annotations, settings.annotationPrefix, parseSkipContainers);
  if (input.containerCredentialsListed) {
    // GetCommonConfigurations: a ServiceAccount missing from the cache counts as no regional STS
    // and the 86400-second default (not the flag).
    const saExpiration = serviceAccount.found ? serviceAccount.config.tokenExpiration : DEFAULT_TOKEN_EXPIRATION;
    const cc = settings.containerCredentials;
    return {
      method: 'container_credentials',
      containersToSkip: podSettings.containersToSkip,
      tokenExpiration: jitterDefaultTokenExpiration(podSettings.tokenExpiration ?? saExpiration, input.randomInt),
      useRegionalSts: serviceAccount.found ? serviceAccount.config.useRegionalSts : false,
      audience: cc.audience,
      mountPath: cc.mountPath,
      volumeName: cc.volumeName,
      tokenPath: cc.tokenPath,
      roleArn: undefined,
      fullUri: cc.fullUri,
      workloadIdentity: input.containerCredentialsWorkloadIdentity ?? false,
    };
  }
  if (!serviceAccount.found) return undefined;
  const sa = serviceAccount.config;
  if (sa.roleArn === undefined || sa.roleArn === '') return undefined;
  return {
    method: 'sts_web_identity',
    containersToSkip: podSettings.containersToSkip,
    tokenExpiration: podSettings.tokenExpiration ?? sa.tokenExpiration,
    useRegionalSts: sa.useRegionalSts,
    audience: sa.audience,
    mountPath: settings.mountPath,
    volumeName: WEB_IDENTITY_VOLUME_NAME,
    tokenPath: WEB_IDENTITY_TOKEN_PATH,
    roleArn: sa.roleArn,
    fullUri: undefined,
    workloadIdentity: false,
  };
}
