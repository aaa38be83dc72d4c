// The webhook-wide settings of a mutation (upstream's flags), checked once at start-up.
import type { ContainerCredentialsSettings } from './container-credentials.ts';

/** Volume name of the web-identity token (fixed upstream). */
export const WEB_IDENTITY_VOLUME_NAME = 'aws-iam-token';
/** File name of the web-identity token inside its mount (fixed upstream). */
export const WEB_IDENTITY_TOKEN_PATH = 'token';
/** `--token-mount-path` default. */
export const DEFAULT_TOKEN_MOUNT_PATH = '/var/run/secrets/eks.amazonaws.com/serviceaccount';
/** `--annotation-prefix` default. */
export const DEFAULT_ANNOTATION_PREFIX = 'eks.amazonaws.com';
/** `--token-audience` default. */
export const DEFAULT_TOKEN_AUDIENCE = 'sts.amazonaws.com';

/** Flags that shape every patch. */
export interface MutationSettings {
  /** `--annotation-prefix`. */
  readonly annotationPrefix: string;
  /** `--token-mount-path`. */
  readonly mountPath: string;
  /** `--aws-default-region` ('' adds no region variables). */
  readonly region: string;
  readonly containerCredentials: ContainerCredentialsSettings;
}
