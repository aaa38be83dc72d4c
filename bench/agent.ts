// Node credential agent benchmarks (issue 6, "Figures"):
//  - cached credential answers: throughput of `podiam agent` answering a pod's credentials from its
//    cache, against a bare node:http server answering a constant of the same size, measured the same
//    way in the same run (autocannon, 16 keep-alive connections) — the target is at least 50%;
//  - p99 latency of cached answers at 1,000 requests/s (a paced keep-alive loop in a child process,
//    over raw keep-alive connections that allocate next to nothing per request, latency from the time a
//    request was due to its last byte) — the target is under 1 ms;
//  - the first request of a pod that has just appeared, against the median of cache hits;
//  - resident memory of the agent with 110 pods on its node and 20,000 pods in the cluster (--node).
// The agent runs as `podiam agent` in a child process, watching an in-process fake API server and
// assuming roles at an in-process STS stub (the hot path never calls STS), logging every answer.
// Run directly with `--paced URL RATE SECONDS` it is the paced load loop itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, stop } from './processes.ts';
import { kubeconfigFor, startFakeApiServer, type FakeApiServer, type KubeObject } from '../src/k8s/testing/index.ts';
import { rate, report } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '..');
const NODE = join(ROOT, 'node_modules/.bin/node');
const ACCOUNT = '123456789012';
const PODS_IN_CLUSTER = 20_000;
const PODS_ON_NODE = 110;
const NAMESPACES = 200;

interface AutocannonResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly non2xx: number;
  readonly errors: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<AutocannonResult>;

interface Paced {
  readonly sent: number;
  readonly ok: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

// ---------------------------------------------------------------- the world the agent watches

function pod(i: number, node: string, ip: string | undefined, role: string | undefined): KubeObject {
  const ns = `team-${i % NAMESPACES}`;
  const name = `app-${i}-${randomBytes(3).toString('hex')}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      labels: { app: `app-${i % 500}`, 'pod-template-hash': randomBytes(5).toString('hex') },
      annotations: role === undefined ? {} : { 'iam.amazonaws.com/role': role },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `app-${i % 500}-rs`, uid: `rs-${i % 500}`, controller: true }],
    },
    spec: {
      nodeName: node,
      serviceAccountName: 'default',
      containers: [
        {
          name: 'app',
          image: `registry.example.com/app-${i % 500}:1.2.3`,
          env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'PORT', value: '8080' }],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
        },
      ],
    },
    status: {
      phase: ip === undefined ? 'Pending' : 'Running',
      hostIP: '10.0.0.10',
      ...(ip === undefined ? {} : { podIP: ip, podIPs: [{ ip }] }),
      conditions: [{ type: 'Ready', status: ip === undefined ? 'False' : 'True' }],
    },
  };
}

function populate(api: FakeApiServer, podsInCluster: number): void {
  for (let n = 0; n < NAMESPACES; n++) {
    api.create('namespaces', { metadata: { name: `team-${n}`, annotations: { 'iam.amazonaws.com/allowed-roles': '["reader", "writer"]' } } });
    api.create('serviceaccounts', { metadata: { name: 'app', namespace: `team-${n}` } });
  }
  for (let i = 0; i < podsInCluster; i++) {
    if (i < PODS_ON_NODE) {
      // Pod 0 plays the load generator's address.
      const ip = i === 0 ? '127.0.0.1' : `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`;
      api.create('pods', pod(i, 'node-a', ip, i % 2 === 0 ? 'reader' : 'writer'));
    } else {
      api.create('pods', pod(i, `node-${1 + (i % 181)}`, `10.2.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`, 'reader'));
    }
  }
}

// An STS that answers AssumeRole (Query protocol) at once; the agent calls it only to fill its cache.
async function startStsStub(): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      calls++;
      const form = new URLSearchParams(body);
      const roleArn = form.get('RoleArn') ?? '';
      const session = form.get('RoleSessionName') ?? '';
      const expiration = new Date(Date.now() + Number(form.get('DurationSeconds') ?? 3600) * 1000).toISOString();
      const xml = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIA${randomBytes(8).toString('hex').toUpperCase()}</AccessKeyId><SecretAccessKey>${randomBytes(30).toString('base64')}</SecretAccessKey><SessionToken>${randomBytes(600).toString('base64')}</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:${session}</AssumedRoleId><Arn>arn:aws:sts::${ACCOUNT}:assumed-role/${roleArn.split('/').pop() ?? ''}/${session}</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>${randomBytes(16).toString('hex')}</RequestId></ResponseMetadata></AssumeRoleResponse>`;
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(xml);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: () => calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

// ---------------------------------------------------------------- processes

/** CPU seconds (user + system) the process has used, from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuOf(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid ?? 0}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssOf(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid ?? 0}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

async function get(url: string, localAddress = '127.0.0.1'): Promise<{ status: number; body: string; ms: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolvePromise, reject) => {
    http
      .get(url, { localAddress, agent: false }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      })
      .on('error', reject);
  });
}

async function until(what: string, predicate: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function metric(port: number, pattern: RegExp): Promise<number> {
  const text = (await get(`http://127.0.0.1:${port}/metrics`)).body;
  let sum = 0;
  for (const line of text.split('\n')) if (pattern.test(line)) sum += Number(line.split(' ').pop());
  return sum;
}

function startBare(body: string, port: number): ChildProcess {
  const script = `const http=require('node:http');const b=Buffer.from(${JSON.stringify(body)});http.createServer((q,s)=>{s.writeHead(200,{'content-type':'text/plain','content-length':b.length});s.end(b)}).listen(${port},'127.0.0.1',()=>process.stdout.write('up\\n'));`;
  return spawn(NODE, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
}

async function paced(url: string, perSecond: number, seconds: number): Promise<Paced> {
  const child = spawn(NODE, [join(ROOT, 'bench/agent.ts'), '--paced', url, String(perSecond), String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((r) => child.once('exit', r));
  return JSON.parse(out) as Paced;
}

/** Starts `podiam agent` watching `api` as node-a; resolves once synced and its pods are prefetched. */
async function startAgentProcess(api: FakeApiServer, stsUrl: string, dir: string): Promise<{ child: ChildProcess; port: number; syncMs: number; prefetchMs: number }> {
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigFor(api.url));
  const port = await freePort();
  const extra = (process.env['BENCH_AGENT_ARGS'] ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(
    NODE,
    [join(ROOT, 'bin/podiam.ts'), 'agent', `--kubeconfig=${kubeconfig}`, '--node=node-a', `--app-port=${port}`, '--bind-address=127.0.0.1', `--sts-endpoint=${stsUrl}`, '--metadata-addr=127.0.0.1:1', `--base-role-arn=arn:aws:iam::${ACCOUNT}:role/`, '--log-format=json', ...extra],
    {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const started = performance.now();
  const base = `http://127.0.0.1:${port}`;
  await until('agent ready', async () => (await get(`${base}/healthz`)).status === 200);
  const syncMs = performance.now() - started;
  await until('prefetch of the node\'s pods', async () => (await metric(port, /^podiam_agent_prefetches_total\{outcome="Success"\}/)) >= PODS_ON_NODE);
  const prefetchMs = performance.now() - started;
  // Let the start-up garbage settle before reading RSS.
  await new Promise((r) => setTimeout(r, 1000));
  return { child, port, syncMs, prefetchMs };
}

/** RSS of a process that only loads the agent's modules (the cost of the code, not of the data). */
async function importedRss(): Promise<number> {
  const script = `await import(${JSON.stringify(join(ROOT, 'src/k8s/agent/index.ts'))}); await new Promise((r) => setTimeout(r, 1000)); const fs = await import('node:fs'); process.stdout.write(/VmRSS:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0');`;
  const child = spawn(NODE, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((r) => child.once('exit', r));
  return Number(out) * 1024;
}

function median(rounds: readonly AutocannonResult[]): AutocannonResult {
  const sorted = [...rounds].sort((a, b) => a.requests.average - b.requests.average);
  return sorted[Math.floor(sorted.length / 2)] ?? (rounds[0] as AutocannonResult);
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

// ---------------------------------------------------------------- the paced loop (child process)

/**
 * One keep-alive HTTP/1.1 connection that sends a prebuilt GET and reads the answer by its
 * Content-Length: a client that allocates next to nothing per request, so that the latencies it
 * records are the server's and the network's, not the client's own garbage collection.
 */
class RawConnection {
  readonly #url: URL;
  readonly #request: Buffer;
  #socket: Socket | undefined;
  #buffer: Buffer = Buffer.alloc(0);
  #waiting: ((status: number) => void) | undefined;

  constructor(url: URL) {
    this.#url = url;
    this.#request = Buffer.from(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n\r\n`, 'latin1');
  }

  get idle(): boolean {
    return this.#waiting === undefined;
  }

  /** Sends the request (connecting again if the server closed an idle connection); resolves with the status (0 on failure). */
  send(): Promise<number> {
    if (this.#socket === undefined || this.#socket.destroyed) this.#socket = this.#connect();
    const socket = this.#socket;
    return new Promise((resolve) => {
      this.#waiting = resolve;
      socket.write(this.#request);
    });
  }

  #connect(): Socket {
    const socket = connect(Number(this.#url.port), this.#url.hostname);
    socket.setNoDelay(true);
    this.#buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => this.#read(chunk));
    socket.on('error', () => this.#finish(0));
    socket.on('close', () => this.#finish(0));
    return socket;
  }

  #read(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const headerEnd = this.#buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const head = this.#buffer.toString('latin1', 0, headerEnd);
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.#buffer.length < headerEnd + 4 + length) return;
    this.#buffer = this.#buffer.subarray(headerEnd + 4 + length);
    this.#finish(Number(head.slice(9, 12)));
  }

  #finish(status: number): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.(status);
  }

  close(): void {
    this.#socket?.destroy();
  }
}

async function pacedLoop(url: string, perSecond: number, seconds: number): Promise<void> {
  const connections = Array.from({ length: 32 }, () => new RawConnection(new URL(url)));
  const latencies: number[] = [];
  let sent = 0;
  let ok = 0;
  // A request due while every connection is busy waits for one, and its latency counts from when it
  // was due (no coordinated omission: a stall shows in the figures instead of hiding them).
  const queue: (() => void)[] = [];
  const once = async (): Promise<void> => {
    const due = process.hrtime.bigint();
    // Found and sent on in the same turn: send() marks the connection busy before anything else runs.
    let connection = connections.find((c) => c.idle);
    while (connection === undefined) {
      await new Promise<void>((resolve) => queue.push(resolve));
      connection = connections.find((c) => c.idle);
    }
    const status = await connection.send();
    latencies.push(Number(process.hrtime.bigint() - due) / 1e6);
    if (status === 200) ok++;
    queue.shift()?.();
  };
  // Warm the connections, then send at the rate: each tick sends what is due since the start.
  for (let i = 0; i < 50; i++) await once();
  latencies.length = 0;
  ok = 0;
  const total = perSecond * seconds;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  await new Promise<void>((finish) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * perSecond));
      while (sent < due) {
        sent++;
        inflight.push(once());
      }
      if (sent >= total) finish();
      else setTimeout(tick, 1);
    };
    tick();
  });
  await Promise.all(inflight);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  process.stdout.write(JSON.stringify({ sent, ok, p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1] ?? 0 } satisfies Paced));
  for (const c of connections) c.close();
}

// ---------------------------------------------------------------- the benchmark

/** Runs the agent benchmarks and prints their figures. */
export async function run(): Promise<void> {
  const require = createRequire(import.meta.url);
  const autocannon = require('autocannon') as Autocannon;
  const dir = mkdtempSync(join(tmpdir(), 'podiam-bench-agent-'));
  const sts = await startStsStub();

  // The same node in a cluster of only its own pods, for the memory comparison.
  const small = await startFakeApiServer({ maxHistory: 100 });
  populate(small, PODS_ON_NODE);
  const smallAgent = await startAgentProcess(small, sts.url, dir);
  const smallRss = rssOf(smallAgent.child.pid);
  await stop(smallAgent.child);
  await small.close();
  const librariesRss = await importedRss();

  const api = await startFakeApiServer({ maxHistory: 100 });
  populate(api, PODS_IN_CLUSTER);
  const { child: agent, port, syncMs, prefetchMs } = await startAgentProcess(api, sts.url, dir);
  const base = `http://127.0.0.1:${port}`;
  try {
    const rssIdle = rssOf(agent.pid);

    const credentialsPath = '/latest/meta-data/iam/security-credentials/reader';
    const doc = await get(`${base}${credentialsPath}`);
    if (doc.status !== 200) throw new Error(`bench: the agent answered ${doc.status}: ${doc.body}`);
    const barePort = await freePort();
    const bareServer = startBare(doc.body, barePort);
    await new Promise((r) => bareServer.stdout?.once('data', r));

    // Throughput, cached answers vs the bare server, same load generator, rounds interleaved so that
    // other load on the machine hits both alike; medians reported.
    const stsBeforeLoad = sts.calls();
    const agentUrl = `${base}${credentialsPath}`;
    const bareUrl = `http://127.0.0.1:${barePort}/`;
    await autocannon({ url: agentUrl, connections: 16, duration: 1 });
    await autocannon({ url: bareUrl, connections: 16, duration: 1 });
    const agentRounds: AutocannonResult[] = [];
    const bareRounds: AutocannonResult[] = [];
    let agentCpu = 0;
    let bareCpu = 0;
    for (let round = 0; round < 3; round++) {
      let cpu = cpuOf(agent.pid);
      agentRounds.push(await autocannon({ url: agentUrl, connections: 16, duration: 3 }));
      agentCpu += cpuOf(agent.pid) - cpu;
      cpu = cpuOf(bareServer.pid);
      bareRounds.push(await autocannon({ url: bareUrl, connections: 16, duration: 3 }));
      bareCpu += cpuOf(bareServer.pid) - cpu;
    }
    // CPU per answer does not depend on what else the machine runs, unlike throughput.
    const agentUsPerAnswer = (agentCpu * 1e6) / agentRounds.reduce((n, r) => n + r.requests.total, 0);
    const bareUsPerAnswer = (bareCpu * 1e6) / bareRounds.reduce((n, r) => n + r.requests.total, 0);
    const agentLoad = median(agentRounds);
    const bareLoad = median(bareRounds);
    const stsCallsDuringLoad = sts.calls() - stsBeforeLoad;

    // Latency at 1,000 requests/s.
    const agentPaced = await paced(agentUrl, 1000, 5);
    const barePaced = await paced(bareUrl, 1000, 5);
    const rssLoaded = rssOf(agent.pid);
    const bareRss = rssOf(bareServer.pid);

    // A pod that has just appeared: scheduled (Pending, no IP), then Running at 127.0.0.3.
    const missesBefore = await metric(port, /^podiam_agent_credential_cache_lookups_total\{result="miss"\}/);
    const prefetchesBefore = await metric(port, /^podiam_agent_prefetches_total\{outcome="Success"\}/);
    const fresh = pod(PODS_IN_CLUSTER + 1, 'node-a', undefined, 'writer');
    api.create('pods', fresh);
    await until('prefetch of the new pod', async () => (await metric(port, /^podiam_agent_prefetches_total\{outcome="Success"\}/)) > prefetchesBefore);
    api.patch('pods', fresh.metadata.namespace, fresh.metadata.name ?? '', { status: { phase: 'Running', podIP: '127.0.0.3', podIPs: [{ ip: '127.0.0.3' }] } });
    await until('the new pod\'s IP', async () => (await get(`${base}/latest/meta-data/iam/security-credentials/`, '127.0.0.3')).status === 200);
    const first = await get(`${base}/latest/meta-data/iam/security-credentials/writer`, '127.0.0.3');
    const hits: number[] = [];
    for (let i = 0; i < 50; i++) hits.push((await get(`${base}/latest/meta-data/iam/security-credentials/writer`, '127.0.0.3')).ms);
    hits.sort((a, b) => a - b);
    const missesAfter = await metric(port, /^podiam_agent_credential_cache_lookups_total\{result="miss"\}/);

    const ratio = agentLoad.requests.average / bareLoad.requests.average;
    const heapUsed = await metric(port, /^podiam_agent_nodejs_heap_size_used_bytes/);
    report('agent: cached credential answers vs a bare node:http server (autocannon, 16 connections, median of 3 interleaved 3 s rounds)', [
      `podiam agent (IMDS credentials, cache hit)  ${rate(agentLoad.requests.average).padStart(9)} req/s  p50 ${agentLoad.latency.p50} ms  p99 ${agentLoad.latency.p99} ms  non-2xx ${agentLoad.non2xx}`,
      `bare node:http (constant, ${doc.body.length} bytes)       ${rate(bareLoad.requests.average).padStart(9)} req/s  p50 ${bareLoad.latency.p50} ms  p99 ${bareLoad.latency.p99} ms`,
      `CPU per answer: agent ${agentUsPerAnswer.toFixed(1)} µs, bare ${bareUsPerAnswer.toFixed(1)} µs — the agent's CPU-bound throughput is ${((bareUsPerAnswer / agentUsPerAnswer) * 100).toFixed(1)}% of the bare server's`,
      `ratio ${(ratio * 100).toFixed(1)}% of the bare server (target >= 50%); rounds ${agentRounds.map((a, i) => `${((a.requests.average / (bareRounds[i]?.requests.average ?? 1)) * 100).toFixed(0)}%`).join(', ')}; STS calls during the load: ${stsCallsDuringLoad}`,
    ]);
    report('agent: latency at 1,000 requests/s (paced keep-alive loop, 5 s)', [
      `podiam agent   p50 ${agentPaced.p50.toFixed(3)} ms  p99 ${agentPaced.p99.toFixed(3)} ms  max ${agentPaced.max.toFixed(3)} ms  (${agentPaced.ok}/${agentPaced.sent} ok; target p99 < 1 ms)`,
      `bare node:http p50 ${barePaced.p50.toFixed(3)} ms  p99 ${barePaced.p99.toFixed(3)} ms  max ${barePaced.max.toFixed(3)} ms`,
    ]);
    report('agent: first request of a pod that just appeared (prefetched when scheduled)', [
      `first request ${first.ms.toFixed(3)} ms (status ${first.status}); cache hits after it: median ${(hits[25] ?? 0).toFixed(3)} ms, max ${(hits[49] ?? 0).toFixed(3)} ms (new connection each)`,
      `cache misses during the first request: ${missesAfter - missesBefore} (0 = served from the prefetched cache)`,
    ]);
    report(`agent: memory with ${PODS_ON_NODE} pods on its node and ${PODS_IN_CLUSTER.toLocaleString('en-US')} in the cluster (--node)`, [
      `RSS after sync and prefetch ${mib(rssIdle)}; after the load ${mib(rssLoaded)}; JS heap in use ${mib(heapUsed)} (a bare node:http process: ${mib(bareRss)})`,
      `of which Node and the agent's code and libraries (@kubernetes/client-node, the AWS SDK STS client, pino, prom-client, zod), loaded and idle: ${mib(librariesRss)}`,
      `the same agent with only its ${PODS_ON_NODE} pods in the cluster: RSS ${mib(smallRss)} after sync and prefetch (the other ${(PODS_IN_CLUSTER - PODS_ON_NODE).toLocaleString('en-US')} pods cost ${mib(rssIdle - smallRss)})`,
      `caches synced in ${syncMs.toFixed(0)} ms; ${PODS_ON_NODE} pods prefetched by ${prefetchMs.toFixed(0)} ms; ${NAMESPACES} namespaces and ${NAMESPACES} service accounts watched`,
    ]);
    await stop(bareServer);
  } finally {
    await stop(agent);
    await sts.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--paced') {
  await pacedLoop(process.argv[3] ?? '', Number(process.argv[4] ?? 1000), Number(process.argv[5] ?? 5));
}
