// Composition of `podiam webhook`: Kubernetes client, ServiceAccount informer, container-credentials
// file, metrics, the HTTPS server with certificate reload, and the metrics server.
import { randomInt as cryptoRandomInt } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { pino, type Logger } from 'pino';
import type { TrustCheckSettings } from './admit-pod.ts';
import { ContainerCredentialsFile } from './container-credentials-file.ts';
import { createWebhookMetrics, type WebhookMetrics } from './metrics.ts';
import type { RandomInt } from './patch/index.ts';
import { ServiceAccountCache } from './service-account-cache.ts';
import { loadTlsPair, TlsReloader } from './tls-reloader.ts';
import { nullTrustCheck, type TrustCheck } from './trust-check.ts';
import type { WebhookConfig } from './webhook-config.ts';
import { createMetricsHandler, createWebhookHandler } from './webhook-handler.ts';

/** Options of `startWebhook` beyond the configuration. */
export interface StartWebhookOptions {
  readonly config: WebhookConfig;
  readonly logger?: Logger;
  /** The Kubernetes client configuration (default: --kubeconfig, else in-cluster). */
  readonly kubeConfig?: KubeConfig;
  /** Builds the trust check for a podiam endpoint (default: the null check, which admits everything). */
  readonly trustCheckFor?: (endpoint: string) => TrustCheck;
  readonly randomInt?: RandomInt;
}

/** A running webhook. */
export interface RunningWebhook {
  /** `https://<host>:<port>`. */
  readonly url: string;
  /** `http://<host>:<metrics port>`. */
  readonly metricsUrl: string;
  readonly metrics: WebhookMetrics;
  readonly serviceAccounts: ServiceAccountCache;
  readonly tls: TlsReloader;
  readonly containerCredentials: ContainerCredentialsFile | undefined;
  /** Stops serving (in-flight requests finish), the informer and the file watchers. */
  close(): Promise<void>;
}

/** Loads the Kubernetes client configuration as upstream's clientcmd.BuildConfigFromFlags does. */
export function loadKubeConfig(config: Pick<WebhookConfig, 'kubeconfig' | 'kubeApi'>): KubeConfig {
  const kc = new KubeConfig();
  if (config.kubeconfig !== undefined) kc.loadFromFile(config.kubeconfig);
  else kc.loadFromCluster();
  const api = config.kubeApi;
  if (api !== undefined) {
    kc.loadFromOptions({
      clusters: kc.clusters.map((c) => ({ ...c, server: api })),
      users: kc.users,
      contexts: kc.contexts,
      currentContext: kc.currentContext,
    });
  }
  return kc;
}

/** Starts the webhook. */
export async function startWebhook(options: StartWebhookOptions): Promise<RunningWebhook> {
  const { config } = options;
  const logger = options.logger ?? pino({ level: config.logLevel, base: { component: 'podiam-webhook' } });
  if (config.ignoredFlags.length > 0) logger.info({ flags: config.ignoredFlags }, 'ignoring upstream flags that have no effect in podiam');
  const metrics = createWebhookMetrics();
  const kubeConfig = options.kubeConfig ?? loadKubeConfig(config);

  const serviceAccounts = new ServiceAccountCache({
    kubeConfig,
    annotationPrefix: config.annotationPrefix,
    defaults: { audience: config.tokenAudience, regionalSts: config.stsRegionalEndpoint, tokenExpiration: config.tokenExpiration },
    graceMs: config.serviceAccountLookupGraceMs,
    lookupTimeoutMs: config.serviceAccountLookupTimeoutMs,
    logger,
    onRoleSeen: () => metrics.markUsed(),
  });

  let containerCredentials: ContainerCredentialsFile | undefined;
  if (config.watchContainerCredentialsConfig !== undefined) {
    containerCredentials = new ContainerCredentialsFile(config.watchContainerCredentialsConfig, logger, (ok) => metrics.recordReload('container_credentials', ok));
    await containerCredentials.start(config.fileWatchIntervalMs);
  }

  let trust: TrustCheckSettings | undefined;
  if (config.podiamEndpoint !== undefined) {
    const check = options.trustCheckFor?.(config.podiamEndpoint);
    if (check === undefined) logger.warn({ endpoint: config.podiamEndpoint }, 'podiam trust check not available in this build; every role is assumed to trust its pods');
    trust = { check: check ?? nullTrustCheck, issuer: config.serviceAccountIssuer, deny: config.denyUntrusted, timeoutMs: config.trustCheckTimeoutMs };
    if (config.serviceAccountIssuer === undefined) logger.warn('trust check configured without --service-account-issuer; it will be skipped');
  }

  const ready = (): boolean => serviceAccounts.synced;
  const handler = createWebhookHandler({
    admit: {
      settings: {
        annotationPrefix: config.annotationPrefix,
        mountPath: config.tokenMountPath,
        region: config.awsDefaultRegion,
        containerCredentials: config.containerCredentials,
      },
      serviceAccounts,
      containerCredentials: () => containerCredentials?.current(),
      trust,
      randomInt: options.randomInt ?? ((bound) => cryptoRandomInt(bound)),
    },
    metrics,
    logger,
    ready,
  });

  const pair = await loadTlsPair({ certFile: config.tlsCertFile, keyFile: config.tlsKeyFile });
  const server: HttpsServer = createHttpsServer({ ...pair, minVersion: 'TLSv1.2' }, handler);
  const tls = new TlsReloader(server, { certFile: config.tlsCertFile, keyFile: config.tlsKeyFile }, logger, (ok) => metrics.recordReload('tls', ok));
  tls.start(config.fileWatchIntervalMs);
  const metricsServer: HttpServer = createHttpServer(createMetricsHandler(metrics, ready));

  // Serve at once (upstream does not wait for the cache either); lookups fall back to the API.
  void serviceAccounts.start();
  await listen(server, config.port, config.host);
  await listen(metricsServer, config.metricsPort, config.host);
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `https://${host}:${(server.address() as AddressInfo).port}`;
  const metricsUrl = `http://${host}:${(metricsServer.address() as AddressInfo).port}`;
  logger.info({ url, metricsUrl }, 'webhook listening');

  return {
    url,
    metricsUrl,
    metrics,
    serviceAccounts,
    tls,
    containerCredentials,
    close: async () => {
      tls.stop();
      containerCredentials?.stop();
      await serviceAccounts.stop();
      await Promise.all([closeServer(server), closeServer(metricsServer)]);
      logger.info('webhook stopped');
    },
  };
}

function listen(server: HttpServer | HttpsServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

// Upstream's ShutdownFromContext: stop accepting, let in-flight requests finish (10 s at most).
function closeServer(server: HttpServer | HttpsServer): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
