// The parts of an IRSA cluster that end-to-end tests play around a real `podiam serve`: the webhook
// (`podiam webhook` as its own process, against the fake API server), the API server's AdmissionReview,
// the kubelet (the projected token from podiam's issuer, written where the patched volume says), and the
// pod's processes (the SDK v3 and boto3 programs in fixtures/pod/ with exactly the injected environment).
// A recording pass-through in front of podiam shows which token each AssumeRoleWithWebIdentity carried.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { FakeApiServer, KubeObject } from '../../../src/k8s/testing/index.ts';
import { applyJsonPatch } from '../../../src/k8s/testing/index.ts';
import { generateWebhookCertificates, writeWebhookCertificates } from '../../../src/k8s/webhook/index.ts';
import type { CliResult } from './aws-cli.ts';
import { NODE, PODIAM_BIN, freePort } from './podiam-process.ts';
import { runAsync } from './sts-world.ts';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');

/** A fixture's text with its placeholders (the seeds' `xxxxxxxx`-style names) replaced. */
export function fixtureText(path: string, values: Readonly<Record<string, string>> = {}): string {
  let text = readFileSync(join(FIXTURES, path), 'utf8');
  for (const [placeholder, value] of Object.entries(values)) text = text.replaceAll(placeholder, value);
  return text;
}

/** A YAML manifest from the fixtures, placeholders replaced. */
export function manifest(path: string, values: Readonly<Record<string, string>> = {}): KubeObject {
  return parseYaml(fixtureText(path, values)) as KubeObject;
}

/** A JSON policy from the fixtures, placeholders replaced, compacted as a CLI argument. */
export function policyFixture(path: string, values: Readonly<Record<string, string>> = {}): string {
  return JSON.stringify(JSON.parse(fixtureText(path, values)));
}

/** `podiam webhook` running as its own process. */
export interface WebhookProcess {
  /** `https://127.0.0.1:<port>`. */
  readonly url: string;
  readonly metricsUrl: string;
  /** The CA that signed its serving certificate (the caBundle, as PEM). */
  readonly ca: string;
  /** The DNS name its certificate is for (`<service>.<namespace>.svc`). */
  readonly servername: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `podiam webhook` with certificates for `podiam-webhook.podiam-system.svc`, a kubeconfig for
 * the fake API server, and the given flags; resolves once its ServiceAccount cache has synced (/readyz).
 */
export async function startWebhookProcess(api: FakeApiServer, dir: string, env: NodeJS.ProcessEnv, flags: readonly string[]): Promise<WebhookProcess> {
  const certDir = join(dir, 'webhook-certs');
  const certs = generateWebhookCertificates({ service: 'podiam-webhook', namespace: 'podiam-system' });
  const paths = await writeWebhookCertificates(certDir, certs);
  const kubeconfig = await api.writeKubeconfig(dir);
  const [port, metricsPort] = [await freePort(), await freePort()];
  const child = spawn(
    NODE,
    [PODIAM_BIN, 'webhook', '--host', '127.0.0.1', '--port', String(port), '--metrics-port', String(metricsPort), '--tls-cert', paths.tlsCert, '--tls-key', paths.tlsKey, '--kubeconfig', kubeconfig, '--log-level', 'info', ...flags],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const metricsUrl = `http://127.0.0.1:${metricsPort}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`podiam webhook exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${metricsUrl}/readyz`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`podiam webhook did not get ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `https://127.0.0.1:${port}`,
    metricsUrl,
    ca: certs.caCert,
    servername: 'podiam-webhook.podiam-system.svc',
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The webhook's answer to one AdmissionReview, its patch decoded. */
export interface AdmissionAnswer {
  readonly apiVersion: string;
  readonly kind: string;
  readonly uid: string;
  readonly allowed: boolean;
  readonly patchType?: string;
  readonly operations: readonly { op: string; path: string; value?: unknown }[];
  readonly warnings: readonly string[];
  readonly requestUid: string;
}

/** POSTs an `admission.k8s.io/v1` AdmissionReview for creating `pod`, as kube-apiserver does. */
export async function reviewPod(webhook: WebhookProcess, pod: KubeObject): Promise<AdmissionAnswer> {
  const requestUid = randomUUID();
  const namespace = pod.metadata.namespace ?? 'default';
  const body = JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: requestUid,
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      requestKind: { group: '', version: 'v1', kind: 'Pod' },
      requestResource: { group: '', version: 'v1', resource: 'pods' },
      name: pod.metadata.name,
      namespace,
      operation: 'CREATE',
      userInfo: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
      object: pod,
      oldObject: null,
      dryRun: false,
      options: { kind: 'CreateOptions', apiVersion: 'meta.k8s.io/v1' },
    },
  });
  const text = await new Promise<string>((resolveText, reject) => {
    const req = httpsRequest(
      `${webhook.url}/mutate?timeout=10s`,
      { method: 'POST', ca: webhook.ca, servername: webhook.servername, agent: false, headers: { 'content-type': 'application/json', accept: 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolveText(Buffer.concat(chunks).toString()) : reject(new Error(`webhook answered ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  const review = JSON.parse(text) as { apiVersion: string; kind: string; response: { uid: string; allowed: boolean; patchType?: string; patch?: string; warnings?: string[] } };
  const r = review.response;
  return {
    apiVersion: review.apiVersion,
    kind: review.kind,
    uid: r.uid,
    allowed: r.allowed,
    ...(r.patchType === undefined ? {} : { patchType: r.patchType }),
    operations: r.patch === undefined ? [] : (JSON.parse(Buffer.from(r.patch, 'base64').toString('utf8')) as AdmissionAnswer['operations']),
    warnings: r.warnings ?? [],
    requestUid,
  };
}

/** Registers the webhook with the fake API server as deploy/'s MutatingWebhookConfiguration does. */
export function registerWebhook(api: FakeApiServer, webhook: WebhookProcess): void {
  api.addMutatingWebhook({
    name: 'pod-identity-webhook.amazonaws.com',
    url: `${webhook.url}/mutate`,
    caBundle: webhook.ca,
    servername: webhook.servername,
    resources: ['pods'],
    objectSelector: '!eks.amazonaws.com/skip-pod-identity-webhook',
    failurePolicy: 'Ignore',
  });
}

/** `kubectl apply -f pod.yaml`: POSTs the pod to the API server, which calls the registered webhooks. */
export async function createPod(api: FakeApiServer, pod: KubeObject): Promise<{ status: number; pod: PodSpecView; warnings: string | null }> {
  const namespace = pod.metadata.namespace ?? 'default';
  const response = await fetch(`${api.url}/api/v1/namespaces/${namespace}/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pod) });
  return { status: response.status, pod: (await response.json()) as PodSpecView, warnings: response.headers.get('warning') };
}

/** A patched pod, as far as the kubelet and the container read it. */
export interface PodSpecView {
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly uid?: string };
  readonly spec: {
    readonly serviceAccountName: string;
    readonly nodeName?: string;
    readonly containers: readonly {
      readonly name: string;
      readonly env?: readonly { name: string; value?: string }[];
      readonly volumeMounts?: readonly { name: string; mountPath: string; readOnly?: boolean }[];
    }[];
    readonly volumes?: readonly {
      readonly name: string;
      readonly projected?: { readonly sources: readonly { serviceAccountToken?: { audience?: string; expirationSeconds?: number; path: string } }[] };
    }[];
  };
}

/** The pod after the webhook's JSONPatch. */
export function patchedPod(pod: KubeObject, answer: AdmissionAnswer): PodSpecView {
  return applyJsonPatch(pod, answer.operations) as unknown as PodSpecView;
}

/** A container's `env` as a record. */
export function containerEnv(pod: PodSpecView, container = 0): Record<string, string> {
  return Object.fromEntries((pod.spec.containers[container]?.env ?? []).map((e) => [e.name, e.value ?? '']));
}

/** Where the kubelet put a container's projected service-account token, under a node directory. */
export interface ProjectedToken {
  /** The file inside the container (the mount path joined with the projection's path). */
  readonly containerPath: string;
  /** The same file under the node directory. */
  readonly hostPath: string;
  readonly audience: string;
  readonly expirationSeconds: number;
}

/**
 * The kubelet's part: reads the patched pod's service-account token projection and the container's
 * mount of it, and writes the token podiam's issuer mints for the pod's ServiceAccount, audience and
 * expiry (`podiam token`) at the mount path re-rooted under `nodeDir`. Call again to rotate it.
 */
export async function projectServiceAccountToken(
  pod: PodSpecView,
  options: { cluster: string; nodeDir: string; env: NodeJS.ProcessEnv; volume?: string; container?: number },
): Promise<ProjectedToken & { token: string }> {
  const volumeName = options.volume ?? 'aws-iam-token';
  const volume = pod.spec.volumes?.find((v) => v.name === volumeName);
  const projection = volume?.projected?.sources.find((s) => s.serviceAccountToken !== undefined)?.serviceAccountToken;
  const mount = pod.spec.containers[options.container ?? 0]?.volumeMounts?.find((m) => m.name === volumeName);
  if (projection === undefined || mount === undefined) throw new Error(`the pod has no projected service-account token volume ${volumeName} mounted`);
  // The API server's defaults for a serviceAccountToken projection (audience: the API server's; 1 hour).
  const audience = projection.audience ?? 'https://kubernetes.default.svc';
  const expirationSeconds = projection.expirationSeconds ?? 3600;
  const minted = await runAsync(
    NODE,
    [
      PODIAM_BIN, 'token', '--cluster', options.cluster,
      '--namespace', pod.metadata.namespace ?? 'default', '--service-account', pod.spec.serviceAccountName,
      '--audience', audience, '--duration', String(expirationSeconds),
      '--pod', pod.metadata.name, '--pod-uid', pod.metadata.uid ?? randomUUID(), '--node', pod.spec.nodeName ?? 'ip-172-31-48-10.ec2.internal',
    ],
    options.env,
  );
  if (minted.status !== 0) throw new Error(`podiam token failed: ${minted.stderr}`);
  const token = minted.stdout.trim();
  const containerPath = `${mount.mountPath.replace(/\/$/, '')}/${projection.path}`;
  const hostPath = join(options.nodeDir, containerPath);
  mkdirSync(dirname(hostPath), { recursive: true });
  writeFileSync(hostPath, token);
  return { containerPath, hostPath, audience, expirationSeconds, token };
}

/**
 * The container's environment: exactly what the webhook injected, with AWS_WEB_IDENTITY_TOKEN_FILE
 * re-rooted where the kubelet's part wrote the token, and AWS_ENDPOINT_URL so that the SDKs reach
 * podiam; besides that only PATH and an empty HOME (no ~/.aws, no inherited AWS_* variables).
 */
export function containerEnvironment(pod: PodSpecView, token: ProjectedToken, options: { endpoint: string; home: string; container?: number }): NodeJS.ProcessEnv {
  const injected = containerEnv(pod, options.container);
  if (injected['AWS_WEB_IDENTITY_TOKEN_FILE'] !== token.containerPath) {
    throw new Error(`AWS_WEB_IDENTITY_TOKEN_FILE is ${injected['AWS_WEB_IDENTITY_TOKEN_FILE']}, the token is mounted at ${token.containerPath}`);
  }
  mkdirSync(options.home, { recursive: true });
  return { PATH: process.env['PATH'], HOME: options.home, ...injected, AWS_WEB_IDENTITY_TOKEN_FILE: token.hostPath, AWS_ENDPOINT_URL: options.endpoint };
}

/** One line a pod program printed. */
export interface PodCall {
  readonly call: string;
  readonly arn?: string;
  readonly roles?: number;
  readonly bytes?: number;
  readonly sha256?: string;
  readonly error?: { readonly name: string; readonly message: string };
}

function callLines(result: CliResult): PodCall[] {
  return result.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as PodCall);
}

/** Runs fixtures/pod/sdk-app.ts (the AWS SDK v3) with the container's environment. */
export async function runSdkPod(env: NodeJS.ProcessEnv, args: readonly string[] = []): Promise<{ result: CliResult; calls: PodCall[] }> {
  const result = await runAsync(NODE, [join(FIXTURES, 'pod/sdk-app.ts'), ...args], env);
  return { result, calls: callLines(result) };
}

/** Runs fixtures/pod/boto3_app.py (boto3) with the container's environment. */
export async function runBoto3Pod(env: NodeJS.ProcessEnv, args: readonly string[] = []): Promise<{ result: CliResult; calls: PodCall[] }> {
  const result = await runAsync('python3', [join(FIXTURES, 'pod/boto3_app.py'), ...args], env);
  return { result, calls: callLines(result) };
}

/** A long-running SDK v3 pod program (`sdk-app.ts --refresh`): call, then `next()` for the second call. */
export interface RunningSdkPod {
  /** Resolves with the next printed line. */
  line(): Promise<PodCall>;
  /** Tells the program to go on (it then moves its clock past the session's expiry and calls again). */
  next(): void;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts `sdk-app.ts --refresh` with the container's environment. */
export function startSdkPod(env: NodeJS.ProcessEnv): RunningSdkPod {
  const child: ChildProcessWithoutNullStreams = spawn(NODE, [join(FIXTURES, 'pod/sdk-app.ts'), '--refresh'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = '';
  let stderr = '';
  const lines: PodCall[] = [];
  const waiting: ((line: PodCall) => void)[] = [];
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = JSON.parse(buffer.slice(0, i)) as PodCall;
      buffer = buffer.slice(i + 1);
      const waiter = waiting.shift();
      if (waiter === undefined) lines.push(line);
      else waiter(line);
    }
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  void exited.then(() => clearTimeout(timer));
  return {
    line: () => {
      const ready = lines.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise<PodCall>((resolveLine, reject) => {
        waiting.push(resolveLine);
        void exited.then((code) => reject(new Error(`the SDK pod exited (${code}) before printing:\n${stderr}`)));
      });
    },
    next: () => void child.stdin.end('go on\n'),
    stderr: () => stderr,
    exited,
  };
}

/** One request that went through the recording pass-through. */
export interface RecordedCall {
  readonly action: string | undefined;
  /** AssumeRoleWithWebIdentity's WebIdentityToken parameter. */
  readonly webIdentityToken: string | undefined;
  /** The access key of a SigV4-signed request. */
  readonly accessKeyId: string | undefined;
  readonly userAgent: string;
}

/** A pass-through to podiam that records every Query request (what the pod's SDK sent to STS). */
export interface RecordingEndpoint {
  readonly url: string;
  readonly calls: readonly RecordedCall[];
  close(): Promise<void>;
}

/** Starts the recording pass-through in front of `target` (the Host header is passed on unchanged, so signatures hold). */
export async function startRecordingEndpoint(target: string): Promise<RecordingEndpoint> {
  const calls: RecordedCall[] = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const form = new URLSearchParams(body.toString('utf8'));
      const authorization = req.headers.authorization ?? '';
      calls.push({
        action: form.get('Action') ?? undefined,
        webIdentityToken: form.get('WebIdentityToken') ?? undefined,
        accessKeyId: /Credential=([A-Z0-9]+)\//.exec(authorization)?.[1],
        userAgent: req.headers['user-agent'] ?? '',
      });
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers as IncomingHttpHeaders },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', (err) => res.writeHead(502).end(String(err)));
      forward.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
