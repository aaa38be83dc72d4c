// `podiam up`: everything on one machine for a laptop or CI — the control plane (`serve`) in this
// process, a default cluster whose issuer podiam serves and whose IAM OIDC provider is registered, with
// --kubeconfig the admission webhook on loopback (self-signed certificate) watching that cluster's
// ServiceAccounts, and a copy-paste walkthrough of IRSA (seed 000). Stops cleanly on SIGTERM/SIGINT.
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { composeServer } from './compose.ts';
import { clustersClient } from './cluster.ts';
import type { Command } from './commands.ts';
import { writeErr, writeOut } from './io.ts';
import { describeFailure } from './podiam-client.ts';
import { configFromEnv, configFromFlags, parseServeConfig, serveFlagOptions, startServer, type ServeConfig } from '../server/index.ts';

const USAGE = `Usage: podiam up [--listen HOST:PORT] [--data-dir DIR] [--account-id ID] [--region REGION]
                 [--public-base-url URL] [--database-url postgres://...] [--log-level LEVEL] [--cluster NAME]
                 [--kubeconfig PATH [--webhook-port PORT]]

Runs podiam serve (default 127.0.0.1:4577, state in ./.podiam) with a cluster NAME (default demo) whose
service-account tokens podiam issues, registered as an IAM OIDC provider in the management account, and
prints a walkthrough. With --kubeconfig, the admission webhook also runs, on https://localhost:PORT
(default 4578; certificate and CA in DIR/webhook), watching that cluster's ServiceAccounts.
Logs at warn unless --log-level or PODIAM_LOG_LEVEL says otherwise.
`;

/** Quotes a word for a POSIX shell when it needs it. */
function sh(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** How to run this same podiam again from a shell. */
function selfCommand(): string {
  const script = process.argv[1];
  if (script === undefined) return 'podiam';
  const rel = relative(process.cwd(), script);
  return `${sh(process.execPath)} ${sh(rel.startsWith('..') ? script : rel)}`;
}

/** The webhook in this process, on loopback with a fresh self-signed certificate for `localhost`. */
async function startLoopbackWebhook(options: { kubeconfig: string; port: string; dataDir: string; region: string; logLevel: string }) {
  const webhook = await import('../k8s/webhook/index.ts');
  const dir = join(resolve(options.dataDir), 'webhook');
  // serviceDnsNames('localhost', ...) puts `localhost` first among the certificate's names.
  const paths = await webhook.writeWebhookCertificates(dir, webhook.generateWebhookCertificates({ service: 'localhost', namespace: 'podiam' }));
  const config = webhook.parseWebhookConfig(
    [
      '--host=127.0.0.1',
      `--port=${options.port}`,
      '--metrics-port=0',
      `--tls-cert=${paths.tlsCert}`,
      `--tls-key=${paths.tlsKey}`,
      `--kubeconfig=${options.kubeconfig}`,
      `--aws-default-region=${options.region}`,
      `--log-level=${options.logLevel === 'fatal' ? 'error' : options.logLevel}`,
    ],
    {},
  );
  const running = await webhook.startWebhook({ config });
  const port = new URL(running.url).port;
  return { running, caFile: paths.caCert, url: `https://localhost:${port}` };
}

/** The printed endpoints and walkthrough. */
export function walkthrough(options: {
  readonly url: string;
  readonly config: ServeConfig;
  readonly cluster: string;
  readonly issuer: string;
  readonly providerArn: string;
  readonly webhook: string;
  readonly podiam: string;
}): string {
  const dataDir = resolve(options.config.dataDir);
  const account = options.config.accountId;
  const providerUrl = options.providerArn.slice(options.providerArn.indexOf(':oidc-provider/') + ':oidc-provider/'.length);
  const role = `arn:aws:iam::${account}:role/${options.cluster}-app`;
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: options.providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${providerUrl}:sub`]: 'system:serviceaccount:default:demo', [`${providerUrl}:aud`]: 'sts.amazonaws.com' } },
      },
    ],
  }, null, 2);
  const endpoints: [string, string][] = [
    ['IAM, STS, Organizations, clusters API', options.url],
    [`cluster ${options.cluster}: issuer`, options.issuer],
    ['  discovery', `${options.issuer}/.well-known/openid-configuration`],
    ['  JWKS', `${options.issuer}/openid/v1/jwks`],
    ['  IAM OIDC provider', options.providerArn],
    ['admission webhook', options.webhook],
    ['health', `${options.url}/_podiam/health`],
  ];
  const width = Math.max(...endpoints.map(([name]) => name.length));
  return [
    `podiam up: ready (data in ${dataDir})`,
    '',
    'Endpoints:',
    ...endpoints.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`),
    '',
    'Walkthrough (IRSA on one machine: a role trusting the cluster, a service-account token, STS):',
    '',
    `  export AWS_ENDPOINT_URL=${sh(options.url)}`,
    `  export AWS_SHARED_CREDENTIALS_FILE=${sh(`${dataDir}/credentials`)} AWS_CONFIG_FILE=${sh(`${dataDir}/config`)}`,
    '',
    `  cat > /tmp/trust.json <<'EOF'`,
    ...trust.split('\n').map((line) => `  ${line}`),
    '  EOF',
    `  aws iam create-role --role-name ${options.cluster}-app --assume-role-policy-document file:///tmp/trust.json`,
    '',
    `  ${options.podiam} token --cluster ${options.cluster} --namespace default --service-account demo > /tmp/token`,
    `  aws sts assume-role-with-web-identity --role-arn ${role} --role-session-name demo --web-identity-token file:///tmp/token`,
    '',
    '  # what a pod with the webhook-injected environment does (the SDK reads the token file itself):',
    `  AWS_ROLE_ARN=${role} AWS_WEB_IDENTITY_TOKEN_FILE=/tmp/token aws sts get-caller-identity`,
    '',
    'Stop with Ctrl-C (SIGINT) or SIGTERM.',
    '',
  ].join('\n');
}

export const upCommand: Command = {
  name: 'up',
  summary: 'run everything on one machine: serve, a default cluster issuer, and a walkthrough',
  async run(argv) {
    let values: Record<string, string | boolean | undefined>;
    try {
      values = parseArgs({
        args: [...argv],
        options: {
          ...serveFlagOptions(),
          cluster: { type: 'string' },
          kubeconfig: { type: 'string' },
          'webhook-port': { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
      }).values;
    } catch (err) {
      writeErr(`podiam up: ${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (values['help'] === true) {
      writeOut(USAGE);
      return 0;
    }
    const parsed = parseServeConfig({ logLevel: 'warn', ...configFromEnv(process.env), ...configFromFlags(values) });
    if (!parsed.ok) {
      writeErr(`podiam up: invalid configuration:\n${parsed.messages.map((m) => `  ${m}`).join('\n')}\n`);
      return 2;
    }
    const clusterFlag = values['cluster'];
    const cluster = typeof clusterFlag === 'string' ? clusterFlag : 'demo';

    const server = await startServer(parsed.config, composeServer());
    const stopped = new Promise<void>((resolveStop) => {
      process.once('SIGTERM', () => resolveStop());
      process.once('SIGINT', () => resolveStop());
    });
    const client = clustersClient({ endpoint: server.url, region: parsed.config.region, credentials: server.admin });
    let operation = 'DescribeCluster';
    let described = await client.call<{ Cluster: { Issuer: string; OidcProviderArn?: string } }>(operation, { Name: cluster });
    if (!described.ok && described.code === 'ResourceNotFoundException') {
      operation = 'CreateCluster';
      described = await client.call(operation, { Name: cluster });
    }
    if (!described.ok) {
      writeErr(`podiam up: the ${cluster} cluster: ${describeFailure(operation, described)}\n`);
      await server.close();
      return 1;
    }
    const issuer = described.output.Cluster.Issuer;
    const providerArn = described.output.Cluster.OidcProviderArn ?? `arn:aws:iam::${parsed.config.accountId}:oidc-provider/${issuer.replace(/^https?:\/\//, '')}`;
    const kubeconfig = values['kubeconfig'];
    const webhookPort = values['webhook-port'];
    let webhook: Awaited<ReturnType<typeof startLoopbackWebhook>> | undefined;
    if (typeof kubeconfig === 'string') {
      try {
        webhook = await startLoopbackWebhook({
          kubeconfig,
          port: typeof webhookPort === 'string' ? webhookPort : '4578',
          dataDir: parsed.config.dataDir,
          region: parsed.config.region,
          logLevel: parsed.config.logLevel,
        });
      } catch (err) {
        writeErr(`podiam up: the admission webhook did not start: ${(err as Error).message}\n`);
        await server.close();
        return 1;
      }
    }
    writeOut(
      walkthrough({
        url: server.url,
        config: parsed.config,
        cluster,
        issuer,
        providerArn,
        webhook:
          webhook === undefined
            ? 'not started: it needs a Kubernetes API (podiam up --kubeconfig ~/.kube/config)'
            : `${webhook.url}/mutate (CA ${webhook.caFile}; ServiceAccounts from ${String(kubeconfig)})`,
        podiam: selfCommand(),
      }),
    );
    await stopped;
    writeOut('podiam up: stopping\n');
    await webhook?.running.close();
    await server.close();
    return 0;
  },
};
