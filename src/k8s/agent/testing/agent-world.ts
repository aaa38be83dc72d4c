// Test support: a node in a box. The shared fake API server (with TokenReview in front), a fake
// instance metadata service, and a real `podiam agent` (configured from flags as the CLI does) watching
// node-a through @kubernetes/client-node, assuming roles at a given STS endpoint with given node
// credentials. Pods are created in the API and played from 127.0.0.x addresses.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeconfigFor, startFakeApiServer, type FakeApiServer, type KubeObject } from '../../testing/index.ts';
import { startAgent, type AgentDeps, type RunningAgent } from '../agent.ts';
import { parseAgentConfig } from '../config/agent-config.ts';
import { parseAgentFlags } from '../config/agent-flags.ts';
import { createAgentLogger, type AgentLogger } from '../observe/agent-logger.ts';
import { startFakeImds, type FakeImds } from './fake-imds.ts';
import { podObject, type PodSpecOptions } from './pod-objects.ts';
import { startTokenReviewApi, type TokenReviewApi } from './token-review-api.ts';

/** Options of the world. */
export interface AgentWorldOptions {
  readonly stsEndpoint: string;
  readonly stsCredentials: NonNullable<AgentDeps['stsCredentials']>;
  /** Extra `podiam agent` flags. */
  readonly flags?: readonly string[];
}

export const NODE = 'node-a';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** A running world. */
export class AgentWorld {
  readonly api: FakeApiServer;
  readonly front: TokenReviewApi;
  readonly imds: FakeImds;
  readonly agent: RunningAgent;
  readonly logFile: string;
  readonly #logger: AgentLogger;
  readonly #dir: string;

  private constructor(parts: { api: FakeApiServer; front: TokenReviewApi; imds: FakeImds; agent: RunningAgent; logger: AgentLogger; dir: string }) {
    this.api = parts.api;
    this.front = parts.front;
    this.imds = parts.imds;
    this.agent = parts.agent;
    this.#logger = parts.logger;
    this.#dir = parts.dir;
    this.logFile = join(parts.dir, 'agent.log');
  }

  static async start(options: AgentWorldOptions): Promise<AgentWorld> {
    const dir = mkdtempSync(join(tmpdir(), 'podiam-agent-'));
    const api = await startFakeApiServer();
    const front = await startTokenReviewApi(api);
    const imds = await startFakeImds();
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigFor(front.url), { mode: 0o600 });
    const port = await freePort();
    const argv = [
      `--kubeconfig=${kubeconfig}`,
      '--node', NODE,
      '--app-port', String(port),
      '--bind-address', '127.0.0.1',
      '--sts-endpoint', options.stsEndpoint,
      '--metadata-addr', imds.address,
      '--log-format=json',
      '--backoff-max-elapsed-time=300ms',
      ...(options.flags ?? []),
    ];
    const flags = parseAgentFlags(argv);
    if (!flags.ok) throw new Error(flags.message);
    const parsed = parseAgentConfig(flags.values, new Map());
    if (!parsed.ok) throw new Error(parsed.messages.join('; '));
    const logger = createAgentLogger({ format: 'json', level: 'debug', destination: join(dir, 'agent.log') });
    const agent = await startAgent(parsed.config, { stsCredentials: options.stsCredentials, logger });
    await agent.ready;
    return new AgentWorld({ api, front, imds, agent, logger, dir });
  }

  get port(): number {
    return this.agent.appPort;
  }

  /** Creates a pod on node-a (Pending, no IP unless given). */
  createPod(o: PodSpecOptions): KubeObject {
    return this.api.create('pods', podObject({ node: NODE, ...o, uid: undefined }) as KubeObject);
  }

  /** The pod's UID as the API server assigned it. */
  uidOf(namespace: string, name: string): string {
    return this.api.get('pods', namespace, name)?.metadata.uid ?? '';
  }

  /** Marks the pod Running with the IP. */
  runPod(namespace: string, name: string, ip: string): void {
    this.api.patch('pods', namespace, name, { status: { phase: 'Running', podIP: ip, podIPs: [{ ip }] } });
  }

  /** Marks the pod finished (it keeps its podIP, as kubelet leaves it). */
  finishPod(namespace: string, name: string, phase: 'Succeeded' | 'Failed' = 'Succeeded'): void {
    this.api.patch('pods', namespace, name, { status: { phase } });
  }

  /** Waits until the predicate holds (the agent's watch has caught up). */
  async until(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await predicate())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Waits until the agent holds `ip` for the named pod. */
  async untilOwner(ip: string, namespace: string, name: string): Promise<void> {
    await this.until(`${namespace}/${name} at ${ip}`, () => {
      const owner = this.agent.pods.ownerOf(ip);
      return owner.kind === 'pod' && owner.pod.namespace === namespace && owner.pod.name === name;
    });
  }

  /** The agent's log lines so far. */
  logLines(): Record<string, unknown>[] {
    this.#logger.flush();
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  /** A metric's value by name and labels (sum over matching series). */
  async metric(name: string, labels: Record<string, string> = {}): Promise<number> {
    const metrics = await this.agent.metrics.registry.getMetricsAsJSON();
    const m = metrics.find((x) => x.name === name);
    if (m === undefined) return 0;
    const values = (m as { values: { value: number; labels: Record<string, string | number>; metricName?: string }[] }).values;
    // Counters and gauges have one value per series; histograms are counted by their _count series.
    return values
      .filter((v) => v.metricName === undefined || v.metricName === `${name}_count`)
      .filter((v) => Object.entries(labels).every(([k, val]) => String(v.labels[k]) === val))
      .reduce((sum, v) => sum + v.value, 0);
  }

  async close(): Promise<void> {
    await this.agent.close();
    await this.front.close();
    await this.imds.close();
    await this.api.close();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
