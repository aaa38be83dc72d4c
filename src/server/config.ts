// The configuration of `podiam serve`: one typed object from flags, environment and defaults, in that
// order of precedence, validated at start with messages that name the bad setting.
import { z } from 'zod';

// One message per bad value: the shape first, the port's range only for a well-shaped value.
const listen = z.string().superRefine((v, ctx) => {
  if (!/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):\d{1,5}$/.test(v)) ctx.addIssue({ code: 'custom', message: 'must be HOST:PORT, e.g. 127.0.0.1:4577' });
  else if (Number(v.slice(v.lastIndexOf(':') + 1)) > 65535) ctx.addIssue({ code: 'custom', message: 'port must be at most 65535' });
});

export const serveConfigSchema = z.object({
  listen: listen.default('127.0.0.1:4577'),
  dataDir: z.string().min(1).default('./.podiam'),
  accountId: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account ID').default('123456789012'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be a region name such as us-east-1').default('us-east-1'),
  /** The URL clients reach this server at (issuer URLs are built from it); defaults to http://LISTEN. */
  publicBaseUrl: z.string().url().optional(),
  /** PostgreSQL connection string; SQLite in the data directory when absent. */
  databaseUrl: z.string().optional(),
  adminAccessKeyId: z.string().regex(/^AKIA[A-Z0-9]{12,124}$/, 'must be an AKIA… access key ID').optional(),
  adminSecretAccessKey: z.string().min(16).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The validated configuration. */
export type ServeConfig = z.infer<typeof serveConfigSchema>;

/** Validates raw settings; returns the config or the messages naming each bad setting. */
export function parseServeConfig(raw: Record<string, unknown>): { ok: true; config: ServeConfig } | { ok: false; messages: string[] } {
  const result = serveConfigSchema.safeParse(raw);
  if (result.success) {
    const c = result.data;
    if ((c.adminAccessKeyId === undefined) !== (c.adminSecretAccessKey === undefined)) {
      return { ok: false, messages: ['PODIAM_ADMIN_ACCESS_KEY_ID and PODIAM_ADMIN_SECRET_ACCESS_KEY must be set together'] };
    }
    return { ok: true, config: c };
  }
  return { ok: false, messages: result.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`) };
}

/** The settings the environment provides (lower precedence than flags). */
export function configFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const pairs: [string, string][] = [
    ['PODIAM_LISTEN', 'listen'],
    ['PODIAM_DATA_DIR', 'dataDir'],
    ['PODIAM_ACCOUNT_ID', 'accountId'],
    ['PODIAM_REGION', 'region'],
    ['PODIAM_PUBLIC_BASE_URL', 'publicBaseUrl'],
    ['PODIAM_DATABASE_URL', 'databaseUrl'],
    ['PODIAM_ADMIN_ACCESS_KEY_ID', 'adminAccessKeyId'],
    ['PODIAM_ADMIN_SECRET_ACCESS_KEY', 'adminSecretAccessKey'],
    ['PODIAM_LOG_LEVEL', 'logLevel'],
  ];
  for (const [name, key] of pairs) if (env[name] !== undefined && env[name] !== '') out[key] = env[name];
  return out;
}

/** Host and port of `listen`. */
export function listenAddress(config: ServeConfig): { host: string; port: number } {
  const i = config.listen.lastIndexOf(':');
  return { host: config.listen.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(config.listen.slice(i + 1)) };
}

/** The command-line flags of `podiam serve` (and `podiam up`) and the settings they set. */
export const SERVE_FLAGS: readonly (readonly [flag: string, setting: keyof ServeConfig])[] = [
  ['listen', 'listen'],
  ['data-dir', 'dataDir'],
  ['account-id', 'accountId'],
  ['region', 'region'],
  ['public-base-url', 'publicBaseUrl'],
  ['database-url', 'databaseUrl'],
  ['log-level', 'logLevel'],
];

/** `parseArgs` options for the serve flags (all strings). */
export function serveFlagOptions(): Record<string, { type: 'string'; multiple: false }> {
  return Object.fromEntries(SERVE_FLAGS.map(([flag]) => [flag, { type: 'string' as const, multiple: false as const }]));
}

/** The settings the serve flags given on the command line set (highest precedence). */
export function configFromFlags(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [flag, setting] of SERVE_FLAGS) if (values[flag] !== undefined) out[setting] = values[flag];
  return out;
}
