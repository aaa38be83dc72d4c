// `podiam up`: everything on one machine for a laptop or CI — the control plane (`serve`) in this
// process, a default cluster whose issuer podiam serves and whose IAM OIDC provider is registered, the
// admission webhook on loopback (self-signed certificate), and a copy-paste walkthrough of IRSA (seed
// 000). Without --kubeconfig the webhook watches an embedded, minimal Kubernetes API on 127.0.0.1
// (k8s/apiserver) that calls it for every pod created, as kube-apiserver calls a
// MutatingWebhookConfiguration; its kubeconfig is DIR/kubeconfig. With --kubeconfig it watches that
// cluster's ServiceAccounts instead. Stops cleanly on SIGTERM/SIGINT.
import { join, relative, resolve } from 'node:path';
import { composeServer } from './compose.ts';
import { clustersClient } from './cluster.ts';
import type { Command } from './commands.ts';
import { writeErr, writeOut } from './io.ts';
import { describeFailure } from './podiam-client.ts';
import { readServeCommandLine } from './serve-command-line.ts';
import { startServer } from '../server/index.ts';
import { sh, walkthrough } from './up-walkthrough.ts';

const USAGE = `Usage: podiam up [--listen HOST:PORT] [--data-dir DIR] [--account-id ID] [--region REGION]
                 [--public-base-url URL] [--database-url postgres://...] [--log-level LEVEL] [--cluster NAME]
                 [--webhook-port PORT] [--kube-api-port PORT | --kubeconfig PATH]

Runs podiam serve (default 127.0.0.1:4577, state in ./.podiam) with a cluster NAME (default demo) whose
service-account tokens podiam issues, registered as an IAM OIDC provider in the management account, the
admission webhook on https://localhost:PORT (certificate and CA in DIR/webhook), and prints a walkthrough.

Without --kubeconfig, a minimal Kubernetes API runs on http://127.0.0.1:PORT for kubectl and client
libraries (kubeconfig written to DIR/kubeconfig): namespaces, serviceaccounts, pods, configmaps, secrets
and nodes, with discovery, list and watch; services, deployments, daemonsets, RBAC objects and mutating
webhook configurations are stored (so the files of deploy/ apply) but nothing acts on them. Pods created
through it go through the webhook before they are stored, so \`kubectl get pod -o yaml\` shows what it
injected; nothing schedules or runs them. Objects are
kept in memory only (gone when podiam up stops), and the API has NO authentication or authorization:
it listens on 127.0.0.1 only, and anyone on this machine can use it.
With --kubeconfig, the webhook watches that cluster's ServiceAccounts instead (nothing calls it until
the cluster's MutatingWebhookConfiguration points at it).

  --webhook-port PORT    the webhook's port (default 4578)
  --kube-api-port PORT   the embedded Kubernetes API's port (default 4579)
When --listen names another port than 4577 (a second podiam up, tests), both default to free ports
chosen at start (printed; DIR/kubeconfig names the API's), except the webhook's with --kubeconfig.
Logs at warn unless --log-level or PODIAM_LOG_LEVEL says otherwise.
`;

/** How to run this same podiam again from a shell. */
function selfCommand(): string {
  const script = process.argv[1];
  if (script === undefined) return 'podiam';
  const rel = relative(process.cwd(), script);
  return `${sh(process.execPath)} ${sh(rel.startsWith('..') ? script : rel)}`;
}

/** The webhook in this process, on loopback with a fresh self-signed certificate for `localhost`. */
async function startLoopbackWebhook(options: {
  kubeconfig: string;
  port: number;
  dataDir: string;
  region: string;
  logLevel: string;
  /** podiam's own IAM, for the trust check (with the administrator's key), and the cluster's issuer. */
  podiam: { endpoint: string; issuer: string; credentials: { accessKeyId: string; secretAccessKey: string } };
}) {
  const webhook = await import('../k8s/webhook/index.ts');
  const dir = join(resolve(options.dataDir), 'webhook');
  // serviceDnsNames('localhost', ...) puts `localhost` first among the certificate's names.
  const certificates = webhook.generateWebhookCertificates({ service: 'localhost', namespace: 'podiam' });
  const paths = await webhook.writeWebhookCertificates(dir, certificates);
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
      `--podiam-endpoint=${options.podiam.endpoint}`,
      `--service-account-issuer=${options.podiam.issuer}`,
    ],
    {},
  );
  // Pods whose role would refuse their token are admitted with a warning (kubectl prints it).
  const trustCheckFor = (endpoint: string) => webhook.iamTrustCheck(endpoint, { region: options.region, credentials: options.podiam.credentials });
  const running = await webhook.startWebhook({ config, trustCheckFor });
  const port = Number(new URL(running.url).port);
  return { running, port, caCert: certificates.caCert, caFile: paths.caCert, url: `https://localhost:${port}` };
}

/** The embedded Kubernetes API on 127.0.0.1 and its kubeconfig, DIR/kubeconfig. */
async function startEmbeddedKubernetesApi(options: { port: number; dataDir: string; cluster: string }) {
  const { startApiServer } = await import('../k8s/apiserver/index.ts');
  const api = await startApiServer({ port: options.port });
  try {
    const kubeconfig = await api.writeKubeconfig(resolve(options.dataDir), { name: options.cluster });
    return { api, kubeconfig };
  } catch (err) {
    await api.close();
    throw err;
  }
}

/** Parses a port flag (0 = any free port). */
function portFlag(value: unknown, fallback: number, flag: string): number {
  if (typeof value !== 'string') return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`--${flag} must be a port number (0-65535), not ${value}`);
  return port;
}

type Webhook = Awaited<ReturnType<typeof startLoopbackWebhook>>;
type EmbeddedApi = Awaited<ReturnType<typeof startEmbeddedKubernetesApi>>;

export const upCommand: Command = {
  name: 'up',
  summary: 'run everything on one machine: serve, a default cluster issuer, the webhook, a Kubernetes API, and a walkthrough',
  async run(argv) {
    const commandLine = readServeCommandLine(
      'up',
      argv,
      USAGE,
      { cluster: { type: 'string' }, kubeconfig: { type: 'string' }, 'webhook-port': { type: 'string' }, 'kube-api-port': { type: 'string' } },
      { logLevel: 'warn' },
    );
    if ('exit' in commandLine) return commandLine.exit;
    const { values, config } = commandLine;
    const clusterFlag = values['cluster'];
    const cluster = typeof clusterFlag === 'string' ? clusterFlag : 'demo';
    const kubeconfigFlag = values['kubeconfig'];
    const external = typeof kubeconfigFlag === 'string';
    if (external && values['kube-api-port'] !== undefined) {
      writeErr(`podiam up: --kube-api-port is for the embedded Kubernetes API; with --kubeconfig there is none\n\n${USAGE}`);
      return 2;
    }
    // 4578/4579 beside the default 4577; beside any other port, free ones, so that several can run.
    const besideDefault = config.listen.endsWith(':4577');
    let webhookPort: number;
    let kubeApiPort: number;
    try {
      webhookPort = portFlag(values['webhook-port'], besideDefault || external ? 4578 : 0, 'webhook-port');
      kubeApiPort = portFlag(values['kube-api-port'], besideDefault ? 4579 : 0, 'kube-api-port');
    } catch (err) {
      writeErr(`podiam up: ${(err as Error).message}\n`);
      return 2;
    }

    const server = await startServer(config, composeServer());
    const stopped = new Promise<void>((resolveStop) => {
      process.once('SIGTERM', () => resolveStop());
      process.once('SIGINT', () => resolveStop());
    });
    const client = clustersClient({ endpoint: server.url, region: config.region, credentials: server.admin });
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
    const providerArn = described.output.Cluster.OidcProviderArn ?? `arn:aws:iam::${config.accountId}:oidc-provider/${issuer.replace(/^https?:\/\//, '')}`;

    let embedded: EmbeddedApi | undefined;
    let webhook: Webhook | undefined;
    const stopAll = async (): Promise<void> => {
      await webhook?.running.close();
      await embedded?.api.close();
      await server.close();
    };
    try {
      if (!external) embedded = await startEmbeddedKubernetesApi({ port: kubeApiPort, dataDir: config.dataDir, cluster });
    } catch (err) {
      writeErr(`podiam up: the Kubernetes API did not start on 127.0.0.1:${kubeApiPort}: ${(err as Error).message}\n`);
      await stopAll();
      return 1;
    }
    const kubeconfig = external ? kubeconfigFlag : (embedded?.kubeconfig ?? '');
    try {
      webhook = await startLoopbackWebhook({
        kubeconfig,
        port: webhookPort,
        dataDir: config.dataDir,
        region: config.region,
        logLevel: config.logLevel,
        podiam: { endpoint: server.url, issuer, credentials: server.admin },
      });
    } catch (err) {
      writeErr(`podiam up: the admission webhook did not start: ${(err as Error).message}\n`);
      await stopAll();
      return 1;
    }
    // As deploy/webhook/mutatingwebhook.yaml registers it: pods on CREATE, the skip label excluded,
    // failurePolicy Ignore (a pod is still created when the webhook cannot be reached).
    embedded?.api.addMutatingWebhook({
      name: 'pod-identity-webhook.amazonaws.com',
      url: `https://127.0.0.1:${webhook.port}/mutate`,
      servername: 'localhost',
      caBundle: webhook.caCert,
      resources: ['pods'],
      objectSelector: '!eks.amazonaws.com/skip-pod-identity-webhook',
      failurePolicy: 'Ignore',
      admissionReviewVersion: 'v1',
      timeoutSeconds: 10,
    });
    writeOut(
      walkthrough({
        url: server.url,
        config: config,
        cluster,
        issuer,
        providerArn,
        webhook: `${webhook.url}/mutate (CA ${webhook.caFile}; ServiceAccounts from ${embedded === undefined ? kubeconfig : 'the Kubernetes API above'})`,
        ...(embedded === undefined ? {} : { kubernetes: { url: embedded.api.url, kubeconfig: embedded.kubeconfig } }),
        podiam: selfCommand(),
      }),
    );
    await stopped;
    writeOut('podiam up: stopping\n');
    await stopAll();
    return 0;
  },
};
