// The flags of `podiam agent`: every kube2iam flag (so existing DaemonSets work unchanged) and
// podiam's own. Each flag can also come from the environment (`PODIAM_AGENT_<FLAG>`, and the
// variables kube2iam manifests already set: NODE_NAME, HOST_IP); flags win.
// kube2iam uses pflag, so booleans are `--iptables` or `--iptables=true|false`, strings
// `--flag=value` or `--flag value`.

/** One flag. */
export interface FlagSpec {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly help: string;
  /** Extra environment variable names read for this flag (after PODIAM_AGENT_<NAME>). */
  readonly env?: readonly string[];
  /** Accepted for kube2iam compatibility but without effect in podiam. */
  readonly compatOnly?: boolean;
}

export const AGENT_FLAGS: readonly FlagSpec[] = [
  { name: 'kubeconfig', type: 'string', help: 'kubeconfig file (default: in-cluster, then $KUBECONFIG / ~/.kube/config)', env: ['KUBECONFIG'] },
  { name: 'api-server', type: 'string', help: 'API server URL (kube2iam)' },
  { name: 'api-token', type: 'string', help: 'bearer token for --api-server (kube2iam)' },
  { name: 'insecure', type: 'boolean', help: 'skip TLS verification of the API server (testing only)' },
  { name: 'node', type: 'string', help: 'this node\'s name: watch only its pods (fieldSelector spec.nodeName)', env: ['NODE_NAME'] },
  { name: 'app-port', type: 'string', help: 'port of the metadata and container-credentials endpoints (default 8181)' },
  { name: 'metrics-port', type: 'string', help: 'port of /metrics and /healthz (default: the app port)' },
  { name: 'bind-address', type: 'string', help: 'address to listen on (default 0.0.0.0)' },
  { name: 'base-role-arn', type: 'string', help: 'ARN prefix for role names in annotations, e.g. arn:aws:iam::123456789012:role/' },
  { name: 'auto-discover-base-arn', type: 'boolean', help: 'derive --base-role-arn from the instance profile (instance metadata iam/info)' },
  { name: 'auto-discover-default-role', type: 'boolean', help: 'use the instance\'s role as --default-role (and derive --base-role-arn)' },
  { name: 'default-role', type: 'string', help: 'role for pods without the role annotation' },
  { name: 'iam-role-key', type: 'string', help: 'pod annotation naming the role (default iam.amazonaws.com/role)' },
  { name: 'iam-external-id', type: 'string', help: 'pod annotation carrying the external ID (default iam.amazonaws.com/external-id)' },
  { name: 'namespace-key', type: 'string', help: 'namespace annotation listing allowed roles (default iam.amazonaws.com/allowed-roles)' },
  { name: 'namespace-restrictions', type: 'boolean', help: 'restrict roles by the namespace annotation' },
  { name: 'namespace-restriction-format', type: 'string', help: 'glob (default) or regexp' },
  { name: 'service-account-role-key', type: 'string', help: 'service-account annotation naming the container-credentials role (default eks.amazonaws.com/role-arn)' },
  { name: 'iam-role-session-ttl', type: 'string', help: 'kube2iam: session TTL; sessions last twice this (default: 1h sessions)' },
  { name: 'session-duration', type: 'string', help: 'AssumeRole DurationSeconds as a duration (default 1h; at least 43m)' },
  { name: 'sts-endpoint', type: 'string', help: 'STS endpoint URL (default: the SDK\'s, honouring AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL)' },
  { name: 'region', type: 'string', help: 'STS region (default $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1)', env: ['AWS_REGION', 'AWS_DEFAULT_REGION'] },
  { name: 'use-regional-sts-endpoint', type: 'boolean', help: 'kube2iam: the SDK v3 already uses the regional endpoint', compatOnly: true },
  { name: 'metadata-addr', type: 'string', help: 'address of the real metadata service (default 169.254.169.254)' },
  { name: 'metadata-tokens', type: 'string', help: 'optional (default) or required: IMDSv2 tokens on GETs' },
  { name: 'metadata-allow-list', type: 'string', help: 'comma-separated metadata paths proxied (x/* = subtree); default: instance facts only' },
  { name: 'token-audience', type: 'string', help: 'audience of the projected service-account token (default pods.eks.amazonaws.com)' },
  { name: 'iptables', type: 'boolean', help: 'install the DNAT rule for 169.254.169.254:80 (needs --host-ip)' },
  { name: 'host-ip', type: 'string', help: 'this node\'s IP (DNAT target)', env: ['HOST_IP'] },
  { name: 'host-interface', type: 'string', help: 'pod-facing interface(s) for the DNAT rule (default docker0; eni+, cali+, cni0, ...)' },
  { name: 'container-credentials-ip', type: 'string', help: 'also DNAT this address:80 to the agent for container credentials (default 169.254.170.23; empty: none)' },
  { name: 'backoff-max-elapsed-time', type: 'string', help: 'how long a request from an unknown IP waits for the watch (default 2s)' },
  { name: 'backoff-max-interval', type: 'string', help: 'kube2iam: retry interval of the pod lookup (podiam waits on watch events)', compatOnly: true },
  { name: 'cache-resync-period', type: 'string', help: 'kube2iam: informer resync period (podiam relists only when a watch ends)', compatOnly: true },
  { name: 'resolve-duplicate-cache-ips', type: 'boolean', help: 'kube2iam: ask the API server about duplicate IPs (podiam binds an IP to the running pod\'s UID and refuses duplicates)', compatOnly: true },
  { name: 'prefetch', type: 'boolean', help: 'fetch credentials when a pod is scheduled (default true)' },
  { name: 'log-format', type: 'string', help: 'text (default) or json' },
  { name: 'log-level', type: 'string', help: 'debug, info (default), warn, error (logrus names trace, warning, fatal, panic too)' },
  { name: 'verbose', type: 'boolean', help: 'debug logging' },
  { name: 'debug', type: 'boolean', help: 'kube2iam: debug endpoints (podiam has none)', compatOnly: true },
  { name: 'version', type: 'boolean', help: 'print the version and exit' },
  { name: 'help', type: 'boolean', help: 'this help' },
];

const BY_NAME = new Map(AGENT_FLAGS.map((f) => [f.name, f]));

/** Parsed flags by name. */
export type FlagValues = Map<string, string | boolean>;

/** Parses argv; returns the bad token's message on error. */
export function parseAgentFlags(argv: readonly string[]): { ok: true; values: FlagValues } | { ok: false; message: string } {
  const values: FlagValues = new Map();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '-h') {
      values.set('help', true);
      continue;
    }
    if (!token.startsWith('--')) return { ok: false, message: `unexpected argument '${token}'` };
    const eq = token.indexOf('=');
    const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
    const spec = BY_NAME.get(name);
    if (spec === undefined) return { ok: false, message: `unknown flag --${name}` };
    if (spec.type === 'boolean') {
      if (eq < 0) {
        values.set(name, true);
        continue;
      }
      const text = token.slice(eq + 1).toLowerCase();
      if (['true', '1', 't'].includes(text)) values.set(name, true);
      else if (['false', '0', 'f'].includes(text)) values.set(name, false);
      else return { ok: false, message: `--${name}: '${token.slice(eq + 1)}' is not a boolean` };
      continue;
    }
    if (eq >= 0) values.set(name, token.slice(eq + 1));
    else {
      const next = argv[i + 1];
      if (next === undefined) return { ok: false, message: `--${name} needs a value` };
      values.set(name, next);
      i++;
    }
  }
  return { ok: true, values };
}

/** The flags the environment sets (PODIAM_AGENT_<FLAG>, then the flag's extra names). */
export function flagsFromEnv(env: NodeJS.ProcessEnv): FlagValues {
  const values: FlagValues = new Map();
  for (const spec of AGENT_FLAGS) {
    if (spec.name === 'help' || spec.name === 'version') continue;
    const names = [`PODIAM_AGENT_${spec.name.toUpperCase().replaceAll('-', '_')}`, ...(spec.env ?? [])];
    const found = names.map((n) => env[n]).find((v) => v !== undefined && v !== '');
    if (found === undefined) continue;
    values.set(spec.name, spec.type === 'boolean' ? ['true', '1', 't'].includes(found.toLowerCase()) : found);
  }
  return values;
}

/** Usage text. */
export function agentUsage(): string {
  const width = Math.max(...AGENT_FLAGS.map((f) => f.name.length)) + 2;
  const lines = AGENT_FLAGS.map((f) => `  --${f.name.padEnd(width)}${f.help}${f.compatOnly === true ? ' [accepted, no effect]' : ''}`);
  return [
    'Usage: podiam agent [flags]',
    '',
    'The node credential agent: instance metadata (IMDSv1/v2) and container credentials per pod,',
    'compatible with kube2iam\'s annotations and flags. Every flag can also be set as',
    'PODIAM_AGENT_<FLAG> (e.g. PODIAM_AGENT_BASE_ROLE_ARN); flags win.',
    '',
    ...lines,
    '',
  ].join('\n');
}
