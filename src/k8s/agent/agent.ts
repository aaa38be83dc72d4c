// `podiam agent` composed: configuration in, a running agent out. Order of start: logs and metrics,
// instance-metadata discovery (when asked), the STS client, the cache, the cluster watch, the HTTP
// listeners, then the DNAT rule (so the rule never points at nothing). Stop in reverse: the rule goes
// first (pods fall back to the real metadata service's refusal rather than to a closed port), then the
// listeners drain, the watch stops, timers stop, logs flush.
import http from 'node:http';
import { AuthenticationV1Api, type KubeConfig, type V1Namespace, type V1ServiceAccount } from '@kubernetes/client-node';
import type { AgentConfig } from './config/agent-config.ts';
import { systemClock, type Clock } from './credentials/clock.ts';
import { CredentialCache } from './credentials/credential-cache.ts';
import { PodCredentials } from './credentials/pod-credentials.ts';
import { createContainerCredentialsHandler } from './container/container-credentials-handler.ts';
import { TokenReviewVerifier, type TokenReviewCall } from './container/service-account-token.ts';
import { createAgentServer, listen } from './http/agent-server.ts';
import { compileAllowList } from './imds/metadata-allow-list.ts';
import { createMetadataHandler } from './imds/metadata-handler.ts';
import { MetadataTokens } from './imds/metadata-token.ts';
import { HttpMetadataUpstream, type MetadataUpstream } from './imds/metadata-upstream.ts';
import { installDnatRules, removeDnatRules, runIptables, type DnatTarget, type IptablesRunner } from './iptables/metadata-dnat.ts';
import { ClusterWatch } from './kube/cluster-watch.ts';
import { loadKubeConfig } from './kube/kube-config.ts';
import { createAgentLogger, type AgentLogger } from './observe/agent-logger.ts';
import { AgentMetrics } from './observe/agent-metrics.ts';
import { PodIndex } from './pods/pod-index.ts';
import { PodLifecycle } from './prefetch/pod-lifecycle.ts';
import { discoverInstanceRole } from './roles/discover-instance-role.ts';
import { NamespaceRoles } from './roles/namespace-roles.ts';
import { PodRoles } from './roles/pod-roles.ts';
import type { RoleRules } from './roles/role-rules.ts';
import { ServiceAccountRoles } from './roles/service-account-roles.ts';
import type { RoleAssumer } from './sts/role-assumer.ts';
import { SdkRoleAssumer, type SdkRoleAssumerOptions } from './sts/sdk-role-assumer.ts';
import { withTagFallback } from './sts/tag-fallback.ts';

/** Parts a caller (a test, a benchmark) may supply instead of the real ones. */
export interface AgentDeps {
  readonly kubeConfig?: KubeConfig;
  /** The STS client; the AWS SDK v3 STS client by default. */
  readonly assumer?: RoleAssumer;
  /** The node's credentials for the SDK STS client (default provider chain when absent). */
  readonly stsCredentials?: SdkRoleAssumerOptions['credentials'];
  readonly upstream?: MetadataUpstream;
  readonly iptables?: IptablesRunner;
  readonly clock?: Clock;
  readonly tokenReview?: TokenReviewCall;
  readonly logger?: AgentLogger;
}

/** A running agent. */
export interface RunningAgent {
  readonly config: AgentConfig;
  readonly appPort: number;
  readonly metricsPort: number;
  readonly metrics: AgentMetrics;
  readonly pods: PodIndex;
  readonly cache: CredentialCache;
  /** Resolves when the pod, namespace and service-account caches have synced. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** Starts the agent. Throws on configuration that can only be checked at start (auto-discovery). */
export async function startAgent(config: AgentConfig, deps: AgentDeps = {}): Promise<RunningAgent> {
  const logger = deps.logger ?? createAgentLogger({ format: config.log.format, level: config.log.level });
  const log = logger.log;
  const clock = deps.clock ?? systemClock;
  const upstream = deps.upstream ?? new HttpMetadataUpstream({ address: config.metadata.address });
  for (const warning of config.warnings) log.warn(warning);
  const rules = await resolveRules(config, upstream);
  log.info({ node: config.nodeName, baseRoleArn: rules.baseRoleArn, defaultRole: rules.defaultRole?.arn, namespaceRestrictions: rules.namespaceRestrictions, sessionSeconds: config.lifetime.sessionDurationSeconds }, 'starting');

  const pods = new PodIndex();
  let cache: CredentialCache | undefined;
  const metrics = new AgentMetrics({ pods: () => pods.size, cacheEntries: () => cache?.size ?? 0 });
  const sdk = deps.assumer === undefined ? new SdkRoleAssumer({ region: config.sts.region, endpoint: config.sts.endpoint, credentials: deps.stsCredentials, now: () => clock.now() }) : undefined;
  const assumer = withTagFallback(deps.assumer ?? (sdk as RoleAssumer), {
    now: () => clock.now(),
    rememberMs: 3_600_000,
    onFallback: (input, code) => {
      metrics.tagFallbacks.inc({ code });
      log.warn({ role: input.role.arn, code }, 'STS refused session tags; assuming the role without them (allow sts:TagSession in its trust policy to keep them)');
    },
  });
  cache = new CredentialCache({
    assumer,
    clock,
    policy: config.lifetime,
    observer: {
      stsCall: (input, outcome, ms, reason) => {
        const code = outcome === 'success' ? 'Success' : outcome.code;
        metrics.stsDuration.observe({ outcome: code, reason }, ms / 1000);
        if (reason === 'prefetch') metrics.prefetches.inc({ outcome: code });
        if (outcome !== 'success') log.warn({ role: input.role.arn, session: input.sessionName, reason, code, kind: outcome.kind, detail: outcome.message }, 'AssumeRole failed');
        else log.debug({ role: input.role.arn, session: input.sessionName, reason, ms: Math.round(ms) }, 'AssumeRole');
      },
    },
  });
  const namespaces = new NamespaceRoles(rules);
  const serviceAccounts = new ServiceAccountRoles(rules.serviceAccountRoleKey);
  const roles = new PodRoles(rules, namespaces, serviceAccounts);
  const credentials = new PodCredentials(cache, config.lifetime.sessionDurationSeconds, config.nodeName);
  const lifecycle = new PodLifecycle({ pods, roles, credentials, prefetch: config.prefetch, nodeName: config.nodeName, log });

  const kubeConfig = deps.kubeConfig ?? loadKubeConfig(config.kube);
  const watch = new ClusterWatch({
    kubeConfig,
    nodeName: config.nodeName,
    log,
    handlers: {
      pod: (type, pod) => (type === 'upsert' ? lifecycle.upsert(pod) : lifecycle.delete(pod)),
      namespace: (type, ns: V1Namespace) => {
        const name = ns.metadata?.name;
        if (name === undefined) return;
        if (type === 'upsert') namespaces.upsert(name, ns.metadata?.annotations);
        else namespaces.remove(name);
        lifecycle.reconcileNamespace(name);
      },
      serviceAccount: (type, sa: V1ServiceAccount) => {
        const ns = sa.metadata?.namespace;
        const name = sa.metadata?.name;
        if (ns === undefined || name === undefined) return;
        if (type === 'upsert') serviceAccounts.upsert(ns, name, sa.metadata?.annotations);
        else serviceAccounts.remove(ns, name);
        lifecycle.reconcileNamespace(ns);
      },
    },
  });
  watch.start();
  const ready = watch.whenReady().then(() => log.info({ pods: pods.size, namespaces: namespaces.size, serviceAccounts: serviceAccounts.size }, 'caches synced; ready'));

  const tokenReview = deps.tokenReview ?? tokenReviewThrough(kubeConfig);
  const metadata = createMetadataHandler({
    pods,
    roles,
    credentials,
    tokens: new MetadataTokens(() => clock.now()),
    upstream,
    allowList: compileAllowList(config.metadata.allowList),
    tokensRequired: config.metadata.tokensRequired,
    podWaitMs: config.metadata.podWaitMs,
    now: () => clock.now(),
  });
  const container = createContainerCredentialsHandler({
    pods,
    roles,
    credentials,
    verifier: new TokenReviewVerifier({ review: tokenReview, audience: config.containerCredentials.audience, now: () => clock.now() }),
    nodeName: config.nodeName,
  });
  const samePort = config.metricsPort === config.appPort;
  const app = createAgentServer({ metadata, container, ready: () => watch.ready, metrics, serveMetrics: samePort, serveCredentials: true, log });
  const servers: http.Server[] = [app];
  const appPort = await listen(app, config.appPort, config.bindAddress);
  let metricsPort = appPort;
  if (!samePort) {
    const side = createAgentServer({ metadata, container, ready: () => watch.ready, metrics, serveMetrics: true, serveCredentials: false, log });
    servers.push(side);
    metricsPort = await listen(side, config.metricsPort, config.bindAddress);
  }
  log.info({ appPort, metricsPort, bind: config.bindAddress }, 'listening');

  const dnat: DnatTarget | undefined =
    config.iptables === undefined
      ? undefined
      : { metadataAddress: config.metadata.address, hostInterface: config.iptables.hostInterface, hostIp: config.iptables.hostIp, appPort, containerCredentialsIp: config.iptables.containerCredentialsIp };
  const iptables = deps.iptables ?? runIptables;
  if (dnat !== undefined) {
    const added = await installDnatRules(dnat, iptables);
    log.info({ added, interface: dnat.hostInterface, to: `${dnat.hostIp}:${appPort}` }, 'DNAT rule in place');
  }

  let closing: Promise<void> | undefined;
  return {
    config,
    appPort,
    metricsPort,
    metrics,
    pods,
    cache,
    ready,
    close() {
      closing ??= (async () => {
        if (dnat !== undefined) {
          try {
            log.info({ removed: await removeDnatRules(dnat, iptables) }, 'DNAT rule removed');
          } catch (err) {
            log.error({ err: String(err) }, 'could not remove the DNAT rule');
          }
        }
        await Promise.all(servers.map((s) => closeServer(s)));
        await watch.stop();
        cache?.close();
        sdk?.destroy();
        if (upstream instanceof HttpMetadataUpstream) upstream.close();
        log.info('stopped');
        logger.flush();
      })();
      return closing;
    },
  };
}

async function resolveRules(config: AgentConfig, upstream: MetadataUpstream): Promise<RoleRules> {
  if (!config.autoDiscover.baseArn) return config.rules;
  const found = await discoverInstanceRole(upstream);
  const defaultReference = config.autoDiscover.defaultRole ? found.roleName : config.autoDiscover.defaultRoleReference;
  const defaultRole = defaultReference === undefined ? config.rules.defaultRole : found.resolve(defaultReference);
  if (defaultReference !== undefined && defaultRole === undefined) throw new Error(`--default-role: '${defaultReference}' is not a role under ${found.baseRoleArn}`);
  return { ...config.rules, baseRoleArn: found.baseRoleArn, defaultRole };
}

function tokenReviewThrough(kubeConfig: KubeConfig): TokenReviewCall {
  const api = kubeConfig.makeApiClient(AuthenticationV1Api);
  return async (token, audiences) => {
    const review = await api.createTokenReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token, audiences: [...audiences] } } });
    const s = review.status;
    return { authenticated: s?.authenticated, audiences: s?.audiences, error: s?.error, user: { username: s?.user?.username, extra: s?.user?.extra } };
  };
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5000).unref();
  });
}
