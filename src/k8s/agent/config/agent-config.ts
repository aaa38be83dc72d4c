// The configuration of `podiam agent`: one typed object built from flags and environment (flags win),
// validated at start with messages that name the bad setting.
import { z } from 'zod';
import type { RoleArn } from '../../../aws/arn/index.ts';
import { DEFAULT_LIFETIME_POLICY, lifetimePolicyFor, lifetimePolicyProblem, type LifetimePolicy } from '../credentials/lifetime-policy.ts';
import { DEFAULT_METADATA_ALLOW_LIST } from '../imds/metadata-allow-list.ts';
import { parseBaseRoleArn, resolveRoleReference, type BaseRoleArn } from '../roles/role-reference.ts';
import type { RoleRules } from '../roles/role-rules.ts';
import type { FlagValues } from './agent-flags.ts';
import { parseGoDuration } from './duration.ts';

/** Log output. */
export type LogFormat = 'text' | 'json';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The validated agent configuration. */
export interface AgentConfig {
  readonly appPort: number;
  readonly metricsPort: number;
  readonly bindAddress: string;
  readonly nodeName: string | undefined;
  readonly kube: { readonly kubeconfig: string | undefined; readonly apiServer: string | undefined; readonly apiToken: string | undefined; readonly insecure: boolean };
  readonly rules: RoleRules;
  /** Resolve the base ARN / default role from instance metadata at start-up. */
  readonly autoDiscover: { readonly baseArn: boolean; readonly defaultRole: boolean; readonly defaultRoleReference: string | undefined };
  readonly lifetime: LifetimePolicy;
  readonly sts: { readonly endpoint: string | undefined; readonly region: string };
  readonly metadata: { readonly address: string; readonly tokensRequired: boolean; readonly allowList: readonly string[]; readonly podWaitMs: number };
  readonly containerCredentials: { readonly audience: string };
  readonly iptables: { readonly hostIp: string; readonly hostInterface: string; readonly containerCredentialsIp: string | undefined } | undefined;
  readonly prefetch: boolean;
  readonly log: { readonly format: LogFormat; readonly level: LogLevel };
  /** Settings taken in a form other than written (logged at start). */
  readonly warnings: readonly string[];
}

const port = (flag: string) =>
  z
    .string()
    .regex(/^\d{1,5}$/, `--${flag} must be a port number`)
    .transform(Number)
    .refine((n) => n > 0 && n <= 65535, `--${flag} must be between 1 and 65535`);

const duration = (flag: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseGoDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `--${flag}: '${text}' is not a duration (e.g. 30m, 1h, 2s)` });
      return z.NEVER;
    }
    return ms;
  });

const lower = (value: unknown): unknown => (typeof value === 'string' ? value.trim().toLowerCase() : value);

const LOGRUS_LEVELS: Readonly<Record<'debug' | 'info' | 'warn' | 'error' | 'trace' | 'warning' | 'fatal' | 'panic', LogLevel>> = {
  trace: 'debug',
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  fatal: 'error',
  panic: 'error',
};

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

const raw = z.object({
  kubeconfig: z.string().optional(),
  'api-server': z.string().url('--api-server must be a URL').optional(),
  'api-token': z.string().optional(),
  insecure: z.boolean().default(false),
  node: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, '--node must be a node name').optional(),
  'app-port': port('app-port').default(8181),
  'metrics-port': port('metrics-port').optional(),
  'bind-address': z.string().default('0.0.0.0'),
  'base-role-arn': z.string().optional(),
  'auto-discover-base-arn': z.boolean().default(false),
  'auto-discover-default-role': z.boolean().default(false),
  'default-role': z.string().optional(),
  'iam-role-key': z.string().min(1).default('iam.amazonaws.com/role'),
  'iam-external-id': z.string().min(1).default('iam.amazonaws.com/external-id'),
  'namespace-key': z.string().min(1).default('iam.amazonaws.com/allowed-roles'),
  'namespace-restrictions': z.boolean().default(false),
  // kube2iam compares the format lower-cased (`strings.ToLower(format) == "regexp"`).
  'namespace-restriction-format': z.preprocess(lower, z.enum(['glob', 'regexp'], { message: '--namespace-restriction-format must be glob or regexp' })).default('glob'),
  'service-account-role-key': z.string().min(1).default('eks.amazonaws.com/role-arn'),
  'iam-role-session-ttl': duration('iam-role-session-ttl').optional(),
  'session-duration': duration('session-duration').optional(),
  'sts-endpoint': z.string().url('--sts-endpoint must be a URL').optional(),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, '--region must be a region name such as us-east-1').default('us-east-1'),
  'use-regional-sts-endpoint': z.boolean().default(false),
  'metadata-addr': z.string().min(1).default('169.254.169.254'),
  'metadata-tokens': z.enum(['optional', 'required'], { message: '--metadata-tokens must be optional or required' }).default('optional'),
  'metadata-allow-list': z.string().optional(),
  'token-audience': z.string().min(1).default('pods.eks.amazonaws.com'),
  iptables: z.boolean().default(false),
  'host-ip': z.string().regex(IPV4, '--host-ip must be an IPv4 address').optional(),
  'host-interface': z.string().regex(/^[A-Za-z0-9_.+-]{1,15}$/, '--host-interface must be an interface name (a trailing + matches a prefix)').default('docker0'),
  'container-credentials-ip': z.string().default('169.254.170.23'),
  'backoff-max-elapsed-time': duration('backoff-max-elapsed-time').default(2000),
  'backoff-max-interval': z.string().optional(),
  'cache-resync-period': duration('cache-resync-period').optional(),
  'resolve-duplicate-cache-ips': z.boolean().default(false),
  prefetch: z.boolean().default(true),
  'log-format': z.preprocess(lower, z.enum(['text', 'json'], { message: '--log-format must be text or json' })).default('text'),
  // kube2iam reads the level with logrus's ParseLevel: panic, fatal, error, warn|warning, info, debug, trace, any case.
  'log-level': z
    .preprocess(lower, z.enum(['debug', 'info', 'warn', 'error', 'trace', 'warning', 'fatal', 'panic'], { message: '--log-level must be debug, info, warn or error (or logrus\'s trace, warning, fatal, panic)' }))
    .transform((level): LogLevel => LOGRUS_LEVELS[level])
    .default('info'),
  verbose: z.boolean().default(false),
  debug: z.boolean().default(false),
});

/** Builds the configuration from flag values (flags over environment); returns messages naming bad settings. */
export function parseAgentConfig(flags: FlagValues, env: FlagValues): { ok: true; config: AgentConfig } | { ok: false; messages: string[] } {
  const merged: Record<string, unknown> = { ...Object.fromEntries(env), ...Object.fromEntries(flags) };
  delete merged['help'];
  delete merged['version'];
  const parsed = raw.safeParse(merged);
  if (!parsed.success) return { ok: false, messages: parsed.error.issues.map((i) => (i.message.startsWith('--') ? i.message : `--${i.path.join('.')}: ${i.message}`)) };
  const r = parsed.data;
  const messages: string[] = [];

  let base: BaseRoleArn | undefined;
  if (r['base-role-arn'] !== undefined) {
    base = parseBaseRoleArn(r['base-role-arn']);
    if (base === undefined) messages.push(`--base-role-arn: '${r['base-role-arn']}' is not a role ARN prefix such as arn:aws:iam::123456789012:role/`);
    if (r['auto-discover-base-arn']) messages.push('--auto-discover-base-arn cannot be used with --base-role-arn');
  }
  let defaultRole: RoleArn | undefined;
  if (r['default-role'] !== undefined && r['default-role'] !== '') {
    if (r['auto-discover-default-role']) messages.push('--default-role and --auto-discover-default-role cannot be used together');
    // With auto-discovery the base ARN is only known at start-up; the role is resolved then.
    if (!r['auto-discover-base-arn']) {
      defaultRole = resolveRoleReference(r['default-role'], base);
      if (defaultRole === undefined) messages.push(`--default-role: '${r['default-role']}' is neither a role ARN nor a role name under --base-role-arn`);
    }
  }

  const warnings: string[] = [];
  let durationSeconds = DEFAULT_LIFETIME_POLICY.sessionDurationSeconds;
  if (r['session-duration'] !== undefined) durationSeconds = Math.round(r['session-duration'] / 1000);
  else if (r['iam-role-session-ttl'] !== undefined) {
    // kube2iam asks STS for twice its TTL (15m by default, so 30-minute sessions). Sessions that short
    // cannot be served with the lifetime botocore needs, so a kube2iam TTL below it keeps podiam's
    // one-hour default instead of refusing an existing DaemonSet's arguments.
    const asked = Math.round((2 * r['iam-role-session-ttl']) / 1000);
    if (lifetimePolicyProblem(lifetimePolicyFor(asked)) === undefined || asked > 43200) durationSeconds = asked;
    else warnings.push(`--iam-role-session-ttl: kube2iam's ${asked}-second sessions are too short to serve with over 20 minutes left; using ${durationSeconds}-second sessions`);
  }
  if (durationSeconds > 43200) messages.push(`--${r['session-duration'] === undefined ? 'iam-role-session-ttl' : 'session-duration'}: AssumeRole allows at most 12h`);
  const lifetime = lifetimePolicyFor(durationSeconds);
  const problem = lifetimePolicyProblem(lifetime);
  if (problem !== undefined) messages.push(`--session-duration: ${problem}`);

  if (r.iptables && r['host-ip'] === undefined) messages.push('--iptables needs --host-ip (or HOST_IP)');
  const ccIp = r['container-credentials-ip'].trim();
  if (ccIp !== '' && !IPV4.test(ccIp)) messages.push('--container-credentials-ip must be an IPv4 address or empty');
  if (r['api-token'] !== undefined && r['api-server'] === undefined) messages.push('--api-token needs --api-server');

  if (messages.length > 0) return { ok: false, messages };
  return {
    ok: true,
    config: {
      appPort: r['app-port'],
      metricsPort: r['metrics-port'] ?? r['app-port'],
      bindAddress: r['bind-address'],
      nodeName: r.node,
      kube: { kubeconfig: r.kubeconfig, apiServer: r['api-server'], apiToken: r['api-token'], insecure: r.insecure },
      rules: {
        roleKey: r['iam-role-key'],
        externalIdKey: r['iam-external-id'],
        namespaceKey: r['namespace-key'],
        serviceAccountRoleKey: r['service-account-role-key'],
        baseRoleArn: base,
        defaultRole,
        namespaceRestrictions: r['namespace-restrictions'],
        restrictionFormat: r['namespace-restriction-format'],
      },
      autoDiscover: {
        baseArn: r['auto-discover-base-arn'] || r['auto-discover-default-role'],
        defaultRole: r['auto-discover-default-role'],
        defaultRoleReference: r['auto-discover-base-arn'] && defaultRole === undefined ? r['default-role'] : undefined,
      },
      lifetime,
      sts: { endpoint: r['sts-endpoint'], region: r.region },
      metadata: {
        address: r['metadata-addr'],
        tokensRequired: r['metadata-tokens'] === 'required',
        allowList: r['metadata-allow-list'] === undefined ? DEFAULT_METADATA_ALLOW_LIST : r['metadata-allow-list'].split(',').map((s) => s.trim()).filter((s) => s !== ''),
        podWaitMs: r['backoff-max-elapsed-time'],
      },
      containerCredentials: { audience: r['token-audience'] },
      iptables: r.iptables && r['host-ip'] !== undefined ? { hostIp: r['host-ip'], hostInterface: r['host-interface'], containerCredentialsIp: ccIp === '' ? undefined : ccIp } : undefined,
      prefetch: r.prefetch,
      log: { format: r['log-format'], level: r.verbose ? 'debug' : r['log-level'] },
      warnings,
    },
  };
}
