// Annotation keys upstream reads (pkg/annotations.go), each prefixed by `--annotation-prefix`
// (`eks.amazonaws.com` by default), and the ServiceAccount settings they give.
import { parseGoBool, parseGoInt64 } from './go-strconv.ts';
import { floorTokenExpiration } from './token-expiration.ts';

/** ServiceAccount annotation: the IAM role ARN the pod's SDKs assume. */
export const ROLE_ARN_ANNOTATION = 'role-arn';
/** ServiceAccount annotation: the token audience (default `--token-audience`). */
export const AUDIENCE_ANNOTATION = 'audience';
/** ServiceAccount annotation: "true" adds AWS_STS_REGIONAL_ENDPOINTS=regional (default `--sts-regional-endpoint`). */
export const REGIONAL_STS_ANNOTATION = 'sts-regional-endpoints';
/** ServiceAccount and pod annotation: expirationSeconds of the projected token. */
export const TOKEN_EXPIRATION_ANNOTATION = 'token-expiration';
/** Pod annotation: comma-separated containers (and init containers) to leave alone. */
export const SKIP_CONTAINERS_ANNOTATION = 'skip-containers';
/** Pod label the upstream MutatingWebhookConfiguration's objectSelector excludes. */
export const SKIP_POD_LABEL = 'eks.amazonaws.com/skip-pod-identity-webhook';
/** Pod label added in the container-credentials (EKS Pod Identity) mode. */
export const POD_IDENTITY_LABEL = 'eks.amazonaws.com/pod-identity';

/** The webhook-wide defaults a ServiceAccount's annotations override (upstream flags). */
export interface ServiceAccountDefaults {
  /** `--token-audience` (sts.amazonaws.com). */
  readonly audience: string;
  /** `--sts-regional-endpoint` (false). */
  readonly regionalSts: boolean;
  /** `--token-expiration` after the 600-second floor (86400). */
  readonly tokenExpiration: number;
}

/** What a ServiceAccount's annotations say (upstream's cache entry). */
export interface ServiceAccountConfig {
  /** The role-arn annotation ('' or undefined: the ServiceAccount names no role). */
  readonly roleArn: string | undefined;
  /** Whether roleArn has the shape of an IAM role ARN (upstream only logs a warning when not). */
  readonly roleArnWellFormed: boolean;
  readonly audience: string;
  readonly useRegionalSts: boolean;
  readonly tokenExpiration: number;
  /** Annotations present but unreadable, for logs. */
  readonly ignored: readonly string[];
}

// The pattern upstream checks role ARNs against before warning "arn is invalid".
const ROLE_ARN_PATTERN = /^arn:aws[a-z0-9-]*:iam::\d{12}:role\/[\w\-/.@+=,]+$/;

/** Reads a ServiceAccount's annotations the way upstream's cache does (annotations beat flags). */
export function readServiceAccountConfig(
  annotations: Readonly<Record<string, string>> | null | undefined,
  prefix: string,
  defaults: ServiceAccountDefaults,
): ServiceAccountConfig {
  const a = annotations ?? {};
  const get = (name: string): string | undefined => (Object.hasOwn(a, `${prefix}/${name}`) ? a[`${prefix}/${name}`] : undefined);
  const ignored: string[] = [];
  const roleArn = get(ROLE_ARN_ANNOTATION);
  let useRegionalSts = defaults.regionalSts;
  const regional = get(REGIONAL_STS_ANNOTATION);
  if (regional !== undefined) {
    const parsed = parseGoBool(regional);
    if (parsed === undefined) ignored.push(`${prefix}/${REGIONAL_STS_ANNOTATION}`);
    else useRegionalSts = parsed;
  }
  let tokenExpiration = defaults.tokenExpiration;
  const expiration = get(TOKEN_EXPIRATION_ANNOTATION);
  if (expiration !== undefined) {
    const parsed = parseGoInt64(expiration);
    if (parsed === undefined) ignored.push(`${prefix}/${TOKEN_EXPIRATION_ANNOTATION}`);
    else tokenExpiration = floorTokenExpiration(parsed);
  }
  return {
    roleArn,
    roleArnWellFormed: roleArn !== undefined && ROLE_ARN_PATTERN.test(roleArn),
    audience: get(AUDIENCE_ANNOTATION) ?? defaults.audience,
    useRegionalSts,
    tokenExpiration,
    ignored,
  };
}

/** What a pod's own annotations change: its token lifetime and the containers to skip. */
export interface PodAnnotationSettings {
  /** Floored `<prefix>/token-expiration`, if present and readable. */
  readonly tokenExpiration: number | undefined;
  readonly containersToSkip: ReadonlySet<string>;
}

/** Reads `<prefix>/token-expiration` and `<prefix>/skip-containers` from a pod. */
export function readPodAnnotations(
  annotations: Readonly<Record<string, string>> | null | undefined,
  prefix: string,
  parseSkip: (value: string) => string[] | undefined,
): PodAnnotationSettings {
  const a = annotations ?? {};
  const expirationKey = `${prefix}/${TOKEN_EXPIRATION_ANNOTATION}`;
  const skipKey = `${prefix}/${SKIP_CONTAINERS_ANNOTATION}`;
  const parsed = Object.hasOwn(a, expirationKey) ? parseGoInt64(a[expirationKey] ?? '') : undefined;
  const skip = Object.hasOwn(a, skipKey) ? parseSkip(a[skipKey] ?? '') : undefined;
  return {
    tokenExpiration: parsed === undefined ? undefined : floorTokenExpiration(parsed),
    containersToSkip: new Set(skip ?? []),
  };
}
