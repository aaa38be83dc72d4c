// `podiam webhook` configuration: upstream's flags (same names, same defaults, pflag syntax), then
// podiam's own, then the environment, checked once at start with messages naming the bad setting.
import { z } from 'zod';
import { DEFAULT_CONTAINER_CREDENTIALS, DEFAULT_ANNOTATION_PREFIX, DEFAULT_TOKEN_AUDIENCE, DEFAULT_TOKEN_EXPIRATION, DEFAULT_TOKEN_MOUNT_PATH, floorTokenExpiration } from './patch/index.ts';

type FlagType = 'string' | 'int' | 'bool' | 'duration';
interface FlagSpec {
  readonly type: FlagType;
  readonly help: string;
  /** Accepted for compatibility with upstream's command line, but has no effect in podiam. */
  readonly ignored?: boolean;
}

/** Every flag `podiam webhook` accepts. */
export const WEBHOOK_FLAGS: Readonly<Record<string, FlagSpec>> = {
  port: { type: 'int', help: 'Port to listen on (default 443)' },
  'metrics-port': { type: 'int', help: 'Port to listen on for metrics and healthz (http) (default 9999)' },
  host: { type: 'string', help: 'Address to listen on (default 0.0.0.0) [podiam]' },
  'tls-cert': { type: 'string', help: 'TLS certificate file path (default /etc/webhook/certs/tls.crt); reloaded when it changes' },
  'tls-key': { type: 'string', help: 'TLS key file path (default /etc/webhook/certs/tls.key); reloaded when it changes' },
  kubeconfig: { type: 'string', help: '(out-of-cluster) Absolute path to the API server kubeconfig file (default: in-cluster config)' },
  'kube-api': { type: 'string', help: '(out-of-cluster) The url to the API server' },
  'in-cluster': { type: 'bool', help: 'Upstream CSR-based certificates; only false is supported (use --tls-cert/--tls-key)' },
  'annotation-prefix': { type: 'string', help: 'The Service Account annotation to look for (default eks.amazonaws.com)' },
  'token-audience': { type: 'string', help: 'The default audience for tokens. Can be overridden by annotation (default sts.amazonaws.com)' },
  'token-mount-path': { type: 'string', help: 'The path to mount tokens (default /var/run/secrets/eks.amazonaws.com/serviceaccount)' },
  'token-expiration': { type: 'int', help: 'The token expiration in seconds (default 86400; values below 600 are raised to 600)' },
  'aws-default-region': { type: 'string', help: 'If set, AWS_DEFAULT_REGION and AWS_REGION will be set to this value in mutated containers' },
  'sts-regional-endpoint': { type: 'bool', help: 'Whether to inject the AWS_STS_REGIONAL_ENDPOINTS=regional env var in mutated pods (default false)' },
  'watch-container-credentials-config': { type: 'string', help: 'Absolute path to the container credential config file to watch for' },
  'container-credentials-audience': { type: 'string', help: 'The audience for tokens used by the AWS Container Credentials method (default pods.eks.amazonaws.com)' },
  'container-credentials-token-mount-path': { type: 'string', help: 'The path to mount tokens used by the AWS Container Credentials method' },
  'container-credentials-token-volume-name': { type: 'string', help: 'The name of the projected volume containing the injected service account token (Container Credentials method)' },
  'container-credentials-token-path': { type: 'string', help: 'The path of the injected service account token (Container Credentials method)' },
  'container-credentials-full-uri': { type: 'string', help: 'AWS_CONTAINER_CREDENTIALS_FULL_URI will be set to this value in mutated containers' },
  'service-account-lookup-grace-period': { type: 'duration', help: 'The grace period for service account to be available in cache before not mutating a pod (default 100ms; 0 disables waiting)' },
  'service-account-lookup-timeout': { type: 'duration', help: 'Deadline of the direct GET of a ServiceAccount missing from the cache (default 2s) [podiam]' },
  'podiam-endpoint': { type: 'string', help: "podiam's IAM/STS endpoint for the trust check (default $AWS_ENDPOINT_URL_IAM, then $AWS_ENDPOINT_URL) [podiam]" },
  'service-account-issuer': { type: 'string', help: "The cluster's service-account token issuer (iss), needed by the trust check [podiam]" },
  'deny-untrusted': { type: 'bool', help: "Refuse pods whose role's trust policy would refuse their token, instead of warning [podiam]" },
  'trust-check-timeout': { type: 'duration', help: 'Deadline of the trust check (default 2s) [podiam]' },
  'file-watch-interval': { type: 'duration', help: 'How often the TLS and container-credentials files are checked for changes (default 1s) [podiam]' },
  'log-level': { type: 'string', help: 'trace, debug, info, warn, error (default info) [podiam]' },
  version: { type: 'bool', help: 'Display the version and exit' },
  // Upstream flags without effect here: in-cluster certificate management, klog, debugging handlers.
  namespace: { type: 'string', help: '(in-cluster) ignored', ignored: true },
  'service-name': { type: 'string', help: '(in-cluster) ignored', ignored: true },
  'tls-secret': { type: 'string', help: '(in-cluster) ignored', ignored: true },
  logtostderr: { type: 'bool', help: 'ignored (logs are JSON on stdout)', ignored: true },
  v: { type: 'int', help: 'ignored (use --log-level)', ignored: true },
  'enable-debugging-handlers': { type: 'bool', help: 'ignored', ignored: true },
  'watch-config-map': { type: 'bool', help: 'not supported: only false is accepted' },
  'compose-role-arn': { type: 'bool', help: 'not supported: only false is accepted' },
};

/** The checked configuration of one webhook. */
export interface WebhookConfig {
  readonly host: string;
  readonly port: number;
  readonly metricsPort: number;
  readonly tlsCertFile: string;
  readonly tlsKeyFile: string;
  readonly kubeconfig: string | undefined;
  readonly kubeApi: string | undefined;
  readonly annotationPrefix: string;
  readonly tokenAudience: string;
  readonly tokenMountPath: string;
  /** After the 600-second floor. */
  readonly tokenExpiration: number;
  readonly awsDefaultRegion: string;
  readonly stsRegionalEndpoint: boolean;
  readonly watchContainerCredentialsConfig: string | undefined;
  readonly containerCredentials: typeof DEFAULT_CONTAINER_CREDENTIALS;
  readonly serviceAccountLookupGraceMs: number;
  readonly serviceAccountLookupTimeoutMs: number;
  readonly podiamEndpoint: string | undefined;
  readonly serviceAccountIssuer: string | undefined;
  readonly denyUntrusted: boolean;
  readonly trustCheckTimeoutMs: number;
  readonly fileWatchIntervalMs: number;
  readonly logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Flags given that podiam ignores (for a start-up log line). */
  readonly ignoredFlags: readonly string[];
  readonly showVersion: boolean;
}

/** A refused command line or environment; the message names the setting. */
export class WebhookConfigError extends Error {
  override readonly name = 'WebhookConfigError';
}

const nonEmpty = (what: string) => z.string().min(1, `${what} must not be empty`);
const port = (what: string) => z.number().int().min(0, `${what} must be 0-65535`).max(65535, `${what} must be 0-65535`);

const schema = z.object({
  host: nonEmpty('--host'),
  port: port('--port'),
  metricsPort: port('--metrics-port'),
  tlsCertFile: nonEmpty('--tls-cert'),
  tlsKeyFile: nonEmpty('--tls-key'),
  annotationPrefix: nonEmpty('--annotation-prefix'),
  tokenMountPath: nonEmpty('--token-mount-path'),
  podiamEndpoint: z.url('--podiam-endpoint must be a URL').optional(),
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'silent'], '--log-level must be trace, debug, info, warn, error or silent'),
});

/** Reads the command line (pflag syntax: --flag=value, --flag value, --bool, --bool=false) and environment. */
export function parseWebhookConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): WebhookConfig {
  const flags = parseFlags(argv);
  const str = (name: string): string | undefined => flags.get(name) as string | undefined;
  const int = (name: string, fallback: number): number => (flags.has(name) ? (flags.get(name) as number) : fallback);
  const bool = (name: string, fallback: boolean): boolean => (flags.has(name) ? (flags.get(name) as boolean) : fallback);
  for (const unsupported of ['watch-config-map', 'compose-role-arn', 'in-cluster'] as const) {
    if (bool(unsupported, false)) throw new WebhookConfigError(`--${unsupported}=true is not supported by podiam`);
  }
  const config: WebhookConfig = {
    host: str('host') ?? '0.0.0.0',
    port: int('port', 443),
    metricsPort: int('metrics-port', 9999),
    tlsCertFile: str('tls-cert') ?? '/etc/webhook/certs/tls.crt',
    tlsKeyFile: str('tls-key') ?? '/etc/webhook/certs/tls.key',
    kubeconfig: str('kubeconfig') || undefined,
    kubeApi: str('kube-api') || undefined,
    annotationPrefix: str('annotation-prefix') ?? DEFAULT_ANNOTATION_PREFIX,
    tokenAudience: str('token-audience') ?? DEFAULT_TOKEN_AUDIENCE,
    tokenMountPath: str('token-mount-path') ?? DEFAULT_TOKEN_MOUNT_PATH,
    tokenExpiration: floorTokenExpiration(int('token-expiration', DEFAULT_TOKEN_EXPIRATION)),
    awsDefaultRegion: str('aws-default-region') ?? '',
    stsRegionalEndpoint: bool('sts-regional-endpoint', false),
    watchContainerCredentialsConfig: str('watch-container-credentials-config') || undefined,
    containerCredentials: {
      audience: str('container-credentials-audience') ?? DEFAULT_CONTAINER_CREDENTIALS.audience,
      mountPath: str('container-credentials-token-mount-path') ?? DEFAULT_CONTAINER_CREDENTIALS.mountPath,
      volumeName: str('container-credentials-token-volume-name') ?? DEFAULT_CONTAINER_CREDENTIALS.volumeName,
      tokenPath: str('container-credentials-token-path') ?? DEFAULT_CONTAINER_CREDENTIALS.tokenPath,
      fullUri: str('container-credentials-full-uri') ?? DEFAULT_CONTAINER_CREDENTIALS.fullUri,
    },
    serviceAccountLookupGraceMs: int('service-account-lookup-grace-period', 100),
    serviceAccountLookupTimeoutMs: int('service-account-lookup-timeout', 2000),
    podiamEndpoint: str('podiam-endpoint') || env['AWS_ENDPOINT_URL_IAM'] || env['AWS_ENDPOINT_URL'] || undefined,
    serviceAccountIssuer: str('service-account-issuer') || undefined,
    denyUntrusted: bool('deny-untrusted', false),
    trustCheckTimeoutMs: int('trust-check-timeout', 2000),
    fileWatchIntervalMs: int('file-watch-interval', 1000),
    logLevel: (str('log-level') ?? 'info') as WebhookConfig['logLevel'],
    ignoredFlags: [...flags.keys()].filter((name) => WEBHOOK_FLAGS[name]?.ignored === true),
    showVersion: bool('version', false),
  };
  const checked = schema.safeParse(config);
  if (!checked.success) throw new WebhookConfigError(checked.error.issues.map((i) => i.message).join('; '));
  if (config.denyUntrusted && config.podiamEndpoint === undefined) {
    throw new WebhookConfigError('--deny-untrusted needs --podiam-endpoint (or AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL)');
  }
  return config;
}

function parseFlags(argv: readonly string[]): Map<string, string | number | boolean> {
  const out = new Map<string, string | number | boolean>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const m = /^--?([A-Za-z0-9][-A-Za-z0-9_]*)(?:=(.*))?$/s.exec(arg);
    if (m?.[1] === undefined) throw new WebhookConfigError(`unexpected argument ${JSON.stringify(arg)}`);
    const name = m[1];
    const spec = WEBHOOK_FLAGS[name];
    if (spec === undefined) throw new WebhookConfigError(`unknown flag: --${name}`);
    let raw = m[2];
    if (raw === undefined && spec.type !== 'bool') {
      raw = argv[i + 1];
      if (raw === undefined) throw new WebhookConfigError(`flag needs an argument: --${name}`);
      i += 1;
    }
    out.set(name, convert(name, spec.type, raw));
  }
  return out;
}

function convert(name: string, type: FlagType, raw: string | undefined): string | number | boolean {
  switch (type) {
    case 'string':
      return raw ?? '';
    case 'bool': {
      if (raw === undefined) return true;
      if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
      if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
      throw new WebhookConfigError(`invalid argument "${raw}" for "--${name}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
    }
    case 'int': {
      if (raw === undefined || !/^[+-]?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
        throw new WebhookConfigError(`invalid argument "${raw ?? ''}" for "--${name}" flag: strconv.ParseInt: parsing "${raw ?? ''}": invalid syntax`);
      }
      return Number(raw);
    }
    case 'duration': {
      const ms = parseGoDurationMs(raw ?? '');
      if (ms === undefined) throw new WebhookConfigError(`invalid argument "${raw ?? ''}" for "--${name}" flag: time: invalid duration "${raw ?? ''}"`);
      return ms;
    }
    default: {
      const never: never = type;
      return never;
    }
  }
}

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration, in milliseconds ("100ms", "1.5s", "2m30s", "0"). */
export function parseGoDurationMs(text: string): number | undefined {
  if (text === '0') return 0;
  const m = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (m === null) return undefined;
  let total = 0;
  for (const part of text.replace(/^[+-]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(part[1]) * (UNIT_MS[part[2] ?? ''] ?? 0);
  }
  return m[1] === '-' ? -total : total;
}

/** The flags as `--help` lists them. */
export function webhookUsage(): string {
  const width = Math.max(...Object.keys(WEBHOOK_FLAGS).map((n) => n.length)) + 2;
  const lines = Object.entries(WEBHOOK_FLAGS).map(([name, spec]) => `  --${name.padEnd(width)} ${spec.help}`);
  return ['Usage: podiam webhook [flags]', '       podiam webhook certs --service NAME --namespace NS [--out DIR]', '', 'Flags:', ...lines, ''].join('\n');
}
