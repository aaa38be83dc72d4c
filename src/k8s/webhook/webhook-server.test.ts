// The webhook end to end: real HTTPS, real AdmissionReviews, a client-node informer against the
// fake API server, certificate reload, metrics and logs.
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { applyJsonPatch, startFakeApiServer, type FakeApiServer } from '../testing/index.ts';
import { generateWebhookCertificates, parseWebhookConfig, startWebhook, writeWebhookCertificates, type RunningWebhook, type TrustCheck } from './index.ts';

interface World {
  api: FakeApiServer;
  webhook: RunningWebhook;
  ca: string;
  certDir: string;
  logs: Record<string, any>[];
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function world(extraArgs: string[] = [], options: { trustCheck?: TrustCheck; apiToken?: string; webhookToken?: string } = {}): Promise<World> {
  const api = await startFakeApiServer(options.apiToken === undefined ? {} : { token: options.apiToken });
  cleanups.push(() => api.close());
  const certDir = await mkdtemp(join(tmpdir(), 'podiam-wh-'));
  const certs = generateWebhookCertificates({ service: 'podiam-webhook', namespace: 'podiam-system' });
  await writeWebhookCertificates(certDir, certs);
  const config = parseWebhookConfig(
    ['--host', '127.0.0.1', '--port=0', '--metrics-port=0', `--tls-cert=${join(certDir, 'tls.crt')}`, `--tls-key=${join(certDir, 'tls.key')}`, '--file-watch-interval=50ms', ...extraArgs],
    {},
  );
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(api.kubeconfig(options.webhookToken === undefined ? {} : { token: options.webhookToken }));
  const logs: Record<string, any>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const webhook = await startWebhook({
    config,
    kubeConfig,
    logger,
    randomInt: () => 0,
    ...(options.trustCheck === undefined ? {} : { trustCheckFor: () => options.trustCheck as TrustCheck }),
  });
  cleanups.push(() => webhook.close());
  return { api, webhook, ca: certs.caCert, certDir, logs };
}

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function post(url: string, ca: string, body: string, contentType = 'application/json', servername = 'podiam-webhook.podiam-system.svc'): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/mutate`, { method: 'POST', ca, servername, agent: false, headers: { 'content-type': contentType } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function review(pod: Record<string, unknown>, namespace: string, apiVersion = 'admission.k8s.io/v1'): { uid: string; text: string } {
  const uid = randomUUID();
  return {
    uid,
    text: JSON.stringify({
      apiVersion,
      kind: 'AdmissionReview',
      request: {
        uid,
        kind: { group: '', version: 'v1', kind: 'Pod' },
        resource: { group: '', version: 'v1', resource: 'pods' },
        namespace,
        operation: 'CREATE',
        userInfo: { username: 'kubernetes-admin' },
        object: { apiVersion: 'v1', kind: 'Pod', ...pod },
        dryRun: false,
      },
    }),
  };
}

const SERVICE_DNS = 'podiam-webhook.podiam-system.svc';

// Seed 000: the ServiceAccount eksctl creates and the pod of the blog post.
const SEED_ROLE = 'arn:aws:iam::111122223333:role/pod-creator';
const seedServiceAccount = { metadata: { name: 'svc-test', namespace: 'default', annotations: { 'eks.amazonaws.com/role-arn': SEED_ROLE } } };
const seedPod = {
  metadata: { name: 'amazonlinux', namespace: 'default' },
  spec: { serviceAccountName: 'svc-test', containers: [{ name: 'amazonlinux', image: 'amazonlinux', command: ['sh', '-c', 'sleep 8h'] }] },
};

function envOf(pod: any): Record<string, string> {
  return Object.fromEntries((pod.spec.containers[0].env ?? []).map((e: any) => [e.name, e.value]));
}

describe('IAM roles for service accounts: the webhook mutates a pod whose ServiceAccount names a role (seed 000)', () => {
  it('answers an admission.k8s.io/v1 AdmissionReview over HTTPS with a base64 JSONPatch', async () => {
    const w = await world();
    w.api.create('serviceaccounts', seedServiceAccount);
    await expect.poll(() => w.webhook.serviceAccounts.synced).toBe(true);
    const { uid, text } = review(seedPod, 'default');
    const answer = await post(w.webhook.url, w.ca, text);
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body);
    expect(body.apiVersion).toBe('admission.k8s.io/v1');
    expect(body.kind).toBe('AdmissionReview');
    expect(body.response).toMatchObject({ uid, allowed: true, patchType: 'JSONPatch' });
    const patched = applyJsonPatch(seedPod, JSON.parse(Buffer.from(body.response.patch, 'base64').toString())) as any;
    expect(envOf(patched)).toEqual({ AWS_ROLE_ARN: SEED_ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token' });
    expect(patched.spec.volumes).toEqual([
      { name: 'aws-iam-token', projected: { sources: [{ serviceAccountToken: { audience: 'sts.amazonaws.com', expirationSeconds: 86400, path: 'token' } }] } },
    ]);
    expect(patched.spec.containers[0].volumeMounts).toEqual([{ name: 'aws-iam-token', readOnly: true, mountPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount' }]);
    expect(patched.spec.containers[0].command).toEqual(['sh', '-c', 'sleep 8h']);
    expect(w.logs.some((l) => l.msg === 'pod was mutated' && l.uid === uid && l.roleArn === SEED_ROLE)).toBe(true);
  });

  it('echoes admission.k8s.io/v1beta1, applies the region and regional-STS flags', async () => {
    const w = await world(['--aws-default-region=us-east-1', '--sts-regional-endpoint']);
    w.api.create('serviceaccounts', seedServiceAccount);
    const { uid, text } = review(seedPod, 'default', 'admission.k8s.io/v1beta1');
    const body = JSON.parse((await post(w.webhook.url, w.ca, text)).body);
    expect(body.apiVersion).toBe('admission.k8s.io/v1beta1');
    expect(body.response.uid).toBe(uid);
    const patched = applyJsonPatch(seedPod, JSON.parse(Buffer.from(body.response.patch, 'base64').toString())) as any;
    expect(Object.keys(envOf(patched))).toEqual(['AWS_STS_REGIONAL_ENDPOINTS', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE']);
  });

  it('admits a pod whose ServiceAccount names no role without a patch', async () => {
    const w = await world();
    w.api.create('serviceaccounts', { metadata: { name: 'plain', namespace: 'default' } });
    const { text } = review({ ...seedPod, spec: { ...seedPod.spec, serviceAccountName: 'plain' } }, 'default');
    const body = JSON.parse((await post(w.webhook.url, w.ca, text)).body);
    expect(body.response.allowed).toBe(true);
    expect(body.response.patch).toBeUndefined();
  });

  it('refuses a Content-Type other than application/json with 415, as upstream does', async () => {
    const w = await world();
    const answer = await post(w.webhook.url, w.ca, review(seedPod, 'default').text, 'text/plain');
    expect(answer.status).toBe(415);
    expect(answer.body).toBe('Invalid Content-Type, expected `application/json`\n');
  });

  it('answers an undecodable pod with allowed=false and the reason, echoing the uid', async () => {
    const w = await world();
    const uid = randomUUID();
    const text = JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid, namespace: 'default', object: { spec: { containers: 'nope' } } } });
    const body = JSON.parse((await post(w.webhook.url, w.ca, text)).body);
    expect(body.response.uid).toBe(uid);
    expect(body.response.allowed).toBe(false);
    expect(body.response.status.message).toMatch(/containers/);
  });
});

describe('ServiceAccounts through the informer (upstream pkg/cache) and podiam direct GET', () => {
  it('mutates a pod created right after its ServiceAccount even while the watch lags (direct GET)', async () => {
    const w = await world();
    await expect.poll(() => w.webhook.serviceAccounts.synced).toBe(true);
    w.api.addMutatingWebhook({ name: 'pod-identity-webhook.amazonaws.com', url: `${w.webhook.url}/mutate`, servername: SERVICE_DNS, caBundle: w.ca, resources: ['pods'], objectSelector: '!eks.amazonaws.com/skip-pod-identity-webhook', failurePolicy: 'Ignore' });
    const release = w.api.holdWatchEvents();
    await fetch(`${w.api.url}/api/v1/namespaces/default/serviceaccounts`, { method: 'POST', body: JSON.stringify(seedServiceAccount) });
    const created = await fetch(`${w.api.url}/api/v1/namespaces/default/pods`, { method: 'POST', body: JSON.stringify(seedPod) });
    release();
    expect(created.status).toBe(201);
    expect(envOf(await created.json()).AWS_ROLE_ARN).toBe(SEED_ROLE);
    expect(w.api.requests.some((r) => r.method === 'GET' && r.path === '/api/v1/namespaces/default/serviceaccounts/svc-test')).toBe(true);
    const metrics = await (await fetch(`${w.webhook.metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(/podiam_webhook_service_account_lookups_total\{source="api"\} 1/);
  });

  it('uses the new annotation once the ServiceAccount changes', async () => {
    const w = await world();
    w.api.create('serviceaccounts', seedServiceAccount);
    await expect.poll(async () => (await w.webhook.serviceAccounts.lookup('default', 'svc-test')).source).toBe('cache');
    const newRole = 'arn:aws:iam::111122223333:role/pod-reader';
    w.api.patch('serviceaccounts', 'default', 'svc-test', { metadata: { annotations: { 'eks.amazonaws.com/role-arn': newRole, 'eks.amazonaws.com/audience': 'podiam' } } });
    await expect
      .poll(async () => {
        const found = await w.webhook.serviceAccounts.lookup('default', 'svc-test');
        return found.lookup.found ? found.lookup.config.roleArn : undefined;
      })
      .toBe(newRole);
    const body = JSON.parse((await post(w.webhook.url, w.ca, review(seedPod, 'default').text)).body);
    const patched = applyJsonPatch(seedPod, JSON.parse(Buffer.from(body.response.patch, 'base64').toString())) as any;
    expect(envOf(patched).AWS_ROLE_ARN).toBe(newRole);
    expect(patched.spec.volumes[0].projected.sources[0].serviceAccountToken.audience).toBe('podiam');
  });

  it('skips pods labelled eks.amazonaws.com/skip-pod-identity-webhook through the objectSelector', async () => {
    const w = await world();
    w.api.create('serviceaccounts', seedServiceAccount);
    w.api.addMutatingWebhook({ name: 'pod-identity-webhook.amazonaws.com', url: `${w.webhook.url}/mutate`, servername: SERVICE_DNS, caBundle: w.ca, resources: ['pods'], objectSelector: '!eks.amazonaws.com/skip-pod-identity-webhook' });
    const pod = { ...seedPod, metadata: { ...seedPod.metadata, labels: { 'eks.amazonaws.com/skip-pod-identity-webhook': 'true' } } };
    const created = await (await fetch(`${w.api.url}/api/v1/namespaces/default/pods`, { method: 'POST', body: JSON.stringify(pod) })).json();
    expect(envOf(created)).toEqual({});
    const unlabelled = { ...seedPod, metadata: { name: 'other', namespace: 'default' } };
    const mutated = await (await fetch(`${w.api.url}/api/v1/namespaces/default/pods`, { method: 'POST', body: JSON.stringify(unlabelled) })).json();
    expect(envOf(mutated).AWS_ROLE_ARN).toBe(SEED_ROLE);
  });

  it('reports a pod admitted unmutated because its ServiceAccount could not be looked up', async () => {
    const w = await world([], { apiToken: 'right', webhookToken: 'wrong' });
    const uid = review(seedPod, 'default');
    const body = JSON.parse((await post(w.webhook.url, w.ca, uid.text)).body);
    expect(body.response).toEqual({ uid: uid.uid, allowed: true });
    const metrics = await (await fetch(`${w.webhook.metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(/podiam_webhook_unmutated_pods_total\{reason="service-account-lookup-failed"\} 1/);
    const line = w.logs.find((l) => l.uid === uid.uid);
    expect(line?.msg).toBe('pod admitted without credentials: service-account-lookup-failed');
    expect(line?.lookupError).toMatch(/401|Unauthorized/);
  });
});

describe('container credentials mode (--watch-container-credentials-config, EKS Pod Identity)', () => {
  it('switches a listed ServiceAccount to container credentials when the file changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'podiam-cc-'));
    const file = join(dir, 'config.json');
    await writeFile(file, '{"identities":[]}');
    const w = await world([`--watch-container-credentials-config=${file}`]);
    w.api.create('serviceaccounts', seedServiceAccount);
    const first = JSON.parse((await post(w.webhook.url, w.ca, review(seedPod, 'default').text)).body);
    expect(envOf(applyJsonPatch(seedPod, JSON.parse(Buffer.from(first.response.patch, 'base64').toString()))).AWS_ROLE_ARN).toBe(SEED_ROLE);

    await writeFile(file, JSON.stringify({ identities: [{ namespace: 'default', serviceAccount: 'svc-test' }] }));
    await expect.poll(() => w.webhook.containerCredentials?.current()?.entries.has('default/svc-test'), { timeout: 5000 }).toBe(true);
    const second = JSON.parse((await post(w.webhook.url, w.ca, review(seedPod, 'default').text)).body);
    const patched = applyJsonPatch(seedPod, JSON.parse(Buffer.from(second.response.patch, 'base64').toString())) as any;
    expect(patched.metadata.labels).toEqual({ 'eks.amazonaws.com/pod-identity': 'enabled' });
    expect(envOf(patched)).toEqual({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials',
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token',
    });
    expect(patched.spec.volumes[0].projected.sources[0].serviceAccountToken).toEqual({ audience: 'pods.eks.amazonaws.com', expirationSeconds: 79200, path: 'eks-pod-identity-token' });

    await writeFile(file, 'not json');
    await expect.poll(async () => (await (await fetch(`${w.webhook.metricsUrl}/metrics`)).text()).includes('podiam_webhook_reloads_total{what="container_credentials",result="error"} 1'), { timeout: 5000 }).toBe(true);
    expect(w.webhook.containerCredentials?.current()?.entries.has('default/svc-test')).toBe(true);
  });
});

describe('podiam trust check (beyond upstream): the role must trust the pod token', () => {
  const refusing: TrustCheck = async (roleArn, claims) =>
    claims.sub === 'system:serviceaccount:default:svc-test' && roleArn === SEED_ROLE ? { ok: false, reason: 'the trust policy names another ServiceAccount' } : { ok: true };

  it('adds an admission warning and still mutates', async () => {
    const w = await world(['--podiam-endpoint=http://127.0.0.1:4577', '--service-account-issuer=https://oidc.example'], { trustCheck: refusing });
    w.api.create('serviceaccounts', seedServiceAccount);
    w.api.addMutatingWebhook({ name: 'pod-identity-webhook.amazonaws.com', url: `${w.webhook.url}/mutate`, servername: SERVICE_DNS, caBundle: w.ca, resources: ['pods'] });
    const created = await fetch(`${w.api.url}/api/v1/namespaces/default/pods`, { method: 'POST', body: JSON.stringify(seedPod) });
    expect(created.status).toBe(201);
    expect(created.headers.get('warning')).toContain('the trust policy names another ServiceAccount');
    expect(envOf(await created.json()).AWS_ROLE_ARN).toBe(SEED_ROLE);
  });

  it('refuses the pod with --deny-untrusted', async () => {
    const w = await world(['--podiam-endpoint=http://127.0.0.1:4577', '--service-account-issuer=https://oidc.example', '--deny-untrusted'], { trustCheck: refusing });
    w.api.create('serviceaccounts', seedServiceAccount);
    const body = JSON.parse((await post(w.webhook.url, w.ca, review(seedPod, 'default').text)).body);
    expect(body.response.allowed).toBe(false);
    expect(body.response.status).toMatchObject({ code: 403, reason: 'Forbidden' });
    expect(body.response.status.message).toContain(SEED_ROLE);
    const metrics = await (await fetch(`${w.webhook.metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(/podiam_webhook_trust_checks_total\{result="refused"\} 1/);
    expect(metrics).toMatch(/podiam_webhook_admissions_total\{result="denied"\} 1/);
  });
});

describe('serving certificate reload (upstream certwatcher)', () => {
  it('serves a replaced certificate to new connections without a restart', async () => {
    const w = await world();
    expect((await post(w.webhook.url, w.ca, review(seedPod, 'default').text)).status).toBe(200);
    const next = generateWebhookCertificates({ service: 'podiam-webhook', namespace: 'podiam-system' });
    await writeFile(join(w.certDir, 'tls.key'), next.tlsKey);
    await writeFile(join(w.certDir, 'tls.crt'), next.tlsCert);
    await expect
      .poll(async () => (await post(w.webhook.url, next.caCert, review(seedPod, 'default').text).catch(() => ({ status: 0 }))).status, { timeout: 5000 })
      .toBe(200);
    await expect(post(w.webhook.url, w.ca, review(seedPod, 'default').text)).rejects.toThrow();
  });

  it('keeps the current certificate when the new pair does not load', async () => {
    const w = await world();
    const next = generateWebhookCertificates({ service: 'podiam-webhook', namespace: 'podiam-system' });
    await writeFile(join(w.certDir, 'tls.crt'), next.tlsCert); // key not replaced: mismatched pair
    expect(await w.webhook.tls.reload()).toBe(false);
    expect((await post(w.webhook.url, w.ca, review(seedPod, 'default').text)).status).toBe(200);
  });
});

describe('metrics and health (upstream main.go: /healthz on the TLS port, /metrics on --metrics-port)', () => {
  it('counts requests with upstream names and serves healthz', async () => {
    const w = await world();
    await post(w.webhook.url, w.ca, review(seedPod, 'default').text);
    const metrics = await (await fetch(`${w.webhook.metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(/http_request_count\{verb="POST",path="\/mutate",code="200"\} 1/);
    expect(metrics).toContain('http_request_latencies_bucket');
    expect(metrics).toContain('http_request_duration_microseconds');
    expect(metrics).toContain('pod_identity_webhook_used');
    expect(await (await fetch(`${w.webhook.metricsUrl}/healthz`)).text()).toBe('ok');
  });
});
