// `podiam cluster <create|describe|list|delete|rotate-keys|register|sync-keys>`: the clusters API from
// the command line, signed with the caller's AWS credentials. Output is the API's JSON with timestamps as
// ISO 8601, as the AWS CLI prints it; failures use the AWS CLI's wording and exit code 254.
import { parseArgs } from 'node:util';
import { CLUSTERS_SIGNING_NAME, CLUSTERS_TARGET_PREFIX } from '../clusters/index.ts';
import { resolveValue } from './aws-args.ts';
import type { Command } from './commands.ts';
import { writeErr, writeOut } from './io.ts';
import { PodiamClient, describeFailure, resolveClientConfig, type PodiamClientConfig } from './podiam-client.ts';

/** A client of the clusters API. */
export function clustersClient(config: PodiamClientConfig): PodiamClient {
  return new PodiamClient(config, { signingName: CLUSTERS_SIGNING_NAME, targetPrefix: CLUSTERS_TARGET_PREFIX });
}

const TIMESTAMPS = new Set(['CreatedAt', 'RetiredAt', 'PublishedUntil', 'ExpirationTimestamp']);

/** The output as the AWS CLI prints JSON: timestamps (epoch seconds on the wire) as ISO 8601. */
export function cliJson(value: unknown): string {
  return `${JSON.stringify(value, (key, v: unknown) => (TIMESTAMPS.has(key) && typeof v === 'number' ? new Date(v * 1000).toISOString() : v), 4)}\n`;
}

const COMMON = { 'endpoint-url': { type: 'string' }, region: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

interface Subcommand {
  readonly name: string;
  readonly usage: string;
  readonly options: Record<string, { type: 'string' | 'boolean' }>;
  /** The operation and its input, or a usage error. */
  request(name: string | undefined, values: Record<string, string | boolean | undefined>): { operation: string; input: object } | { error: string };
}

const needName = (name: string | undefined): name is string => name !== undefined && name !== '';

const SUBCOMMANDS: readonly Subcommand[] = [
  {
    name: 'create',
    usage: 'create NAME [--no-associate-oidc-provider]   register a cluster whose tokens podiam issues',
    options: { 'no-associate-oidc-provider': { type: 'boolean' } },
    request: (name, v) =>
      needName(name) ? { operation: 'CreateCluster', input: { Name: name, AssociateOidcProvider: v['no-associate-oidc-provider'] !== true } } : { error: 'NAME is required' },
  },
  {
    name: 'describe',
    usage: 'describe NAME                                 the cluster, its issuer and its published keys',
    options: {},
    request: (name) => (needName(name) ? { operation: 'DescribeCluster', input: { Name: name } } : { error: 'NAME is required' }),
  },
  {
    name: 'list',
    usage: 'list                                          the cluster names',
    options: {},
    request: (name) => (name === undefined ? { operation: 'ListClusters', input: {} } : { error: `unexpected argument '${name}'` }),
  },
  {
    name: 'delete',
    usage: 'delete NAME                                   remove the cluster and its keys',
    options: {},
    request: (name) => (needName(name) ? { operation: 'DeleteCluster', input: { Name: name } } : { error: 'NAME is required' }),
  },
  {
    name: 'rotate-keys',
    usage: 'rotate-keys NAME                              a new signing key now; old keys stay published for their tokens',
    options: {},
    request: (name) => (needName(name) ? { operation: 'RotateSigningKey', input: { Name: name } } : { error: 'NAME is required' }),
  },
  {
    name: 'register',
    usage: 'register NAME --issuer-url URL [--jwks file://jwks.json] [--no-associate-oidc-provider]\n' +
      '                                                a cluster with its own issuer (JWKS held when podiam cannot reach it)',
    options: { 'issuer-url': { type: 'string' }, jwks: { type: 'string' }, 'no-associate-oidc-provider': { type: 'boolean' } },
    request: (name, v) => {
      if (!needName(name)) return { error: 'NAME is required' };
      const issuer = v['issuer-url'];
      if (typeof issuer !== 'string') return { error: '--issuer-url is required' };
      const jwks = v['jwks'];
      return {
        operation: 'RegisterExternalCluster',
        input: {
          Name: name,
          IssuerUrl: issuer,
          ...(typeof jwks === 'string' ? { Jwks: resolveValue(jwks) } : {}),
          AssociateOidcProvider: v['no-associate-oidc-provider'] !== true,
        },
      };
    },
  },
  {
    name: 'sync-keys',
    usage: 'sync-keys NAME --jwks file://jwks.json        replace the JWKS held for an external cluster',
    options: { jwks: { type: 'string' } },
    request: (name, v) => {
      if (!needName(name)) return { error: 'NAME is required' };
      const jwks = v['jwks'];
      return typeof jwks === 'string' ? { operation: 'SyncClusterKeys', input: { Name: name, Jwks: resolveValue(jwks) } } : { error: '--jwks is required' };
    },
  },
];

const USAGE = [
  'Usage: podiam cluster <subcommand> [options] [--endpoint-url URL] [--region REGION]',
  '',
  ...SUBCOMMANDS.map((s) => `  ${s.usage}`),
  '',
  'The endpoint is --endpoint-url, AWS_ENDPOINT_URL_PODIAM, AWS_ENDPOINT_URL or http://127.0.0.1:4577; credentials',
  'come from the AWS environment variables or the shared credentials file (./.podiam/credentials when present).',
  '',
].join('\n');

export const clusterCommand: Command = {
  name: 'cluster',
  summary: 'register clusters: OIDC issuers for service-account tokens, IAM OIDC providers, key rotation',
  async run(argv) {
    const [subName, ...rest] = argv;
    const sub = SUBCOMMANDS.find((s) => s.name === subName);
    if (sub === undefined) {
      if (subName === undefined || subName === '--help' || subName === '-h') {
        writeOut(USAGE);
        return subName === undefined ? 1 : 0;
      }
      writeErr(`podiam cluster: unknown subcommand '${subName}'\n\n${USAGE}`);
      return 2;
    }
    let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
    try {
      parsed = parseArgs({ args: rest, options: { ...COMMON, ...sub.options }, allowPositionals: true, strict: true });
    } catch (err) {
      writeErr(`podiam cluster ${sub.name}: ${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (parsed.values['help'] === true) {
      writeOut(USAGE);
      return 0;
    }
    if (parsed.positionals.length > 1) {
      writeErr(`podiam cluster ${sub.name}: unexpected argument '${parsed.positionals[1] ?? ''}'\n`);
      return 2;
    }
    let request: ReturnType<Subcommand['request']>;
    try {
      request = sub.request(parsed.positionals[0], parsed.values);
    } catch (err) {
      writeErr(`podiam cluster ${sub.name}: ${(err as Error).message}\n`);
      return 2;
    }
    if ('error' in request) {
      writeErr(`podiam cluster ${sub.name}: ${request.error}\n\n${USAGE}`);
      return 2;
    }
    const endpointUrl = parsed.values['endpoint-url'];
    const region = parsed.values['region'];
    const config = resolveClientConfig({ endpointUrl: typeof endpointUrl === 'string' ? endpointUrl : undefined, region: typeof region === 'string' ? region : undefined }, process.env);
    if ('error' in config) {
      writeErr(`podiam cluster ${sub.name}: ${config.error}\n`);
      return 255;
    }
    try {
      const result = await clustersClient(config).call(request.operation, request.input);
      if (!result.ok) {
        writeErr(`\n${describeFailure(request.operation, result)}\n`);
        return 254;
      }
      writeOut(cliJson(result.output));
      return 0;
    } catch (err) {
      writeErr(`podiam cluster ${sub.name}: could not reach ${config.endpoint}: ${(err as Error).message}\n`);
      return 255;
    }
  },
};
