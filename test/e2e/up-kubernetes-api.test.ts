// `podiam up` without --kubeconfig, end to end with real clients: the embedded Kubernetes API on
// loopback driven by the real kubectl (DIR/kubeconfig) and @kubernetes/client-node, with podiam's
// admission webhook in the same process called for every pod created, as kube-apiserver calls a
// MutatingWebhookConfiguration. Seed 000's ServiceAccount and Pod manifests are applied as they are;
// the stored pod must be exactly what the webhook's own answer for that pod makes of it.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join, resolve } from 'node:path';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyJsonPatch, type KubeObject } from '../../src/k8s/testing/index.ts';
import { startPodiamUp, type PodiamUp } from './support/podiam-up.ts';

const SEED = resolve(import.meta.dirname, '../../examples/seed000');
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

let up: PodiamUp;

beforeAll(async () => {
  up = await startPodiamUp();
}, 40_000);
afterAll(() => up?.dispose());

/** The webhook's own answer for a pod, asked directly over HTTPS as an API server would. */
async function webhookPatch(pod: KubeObject): Promise<unknown[]> {
  const uid = randomUUID();
  const review = {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid,
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      namespace: pod.metadata.namespace,
      operation: 'CREATE',
      object: pod,
    },
  };
  const ca = readFileSync(join(up.dataDir, 'webhook', 'ca.crt'), 'utf8');
  const body = await new Promise<string>((resolveBody, reject) => {
    const req = request(
      `https://127.0.0.1:${up.webhookPort}/mutate`,
      { method: 'POST', ca, servername: 'localhost', agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolveBody(Buffer.concat(chunks).toString()) : reject(new Error(`webhook answered ${String(res.statusCode)}`))));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(review));
  });
  const response = (JSON.parse(body) as { response: { uid: string; allowed: boolean; patch?: string } }).response;
  expect(response).toMatchObject({ uid, allowed: true });
  return response.patch === undefined ? [] : (JSON.parse(Buffer.from(response.patch, 'base64').toString()) as unknown[]);
}

/** The object as the client sent it: what the server adds on create taken away. */
function withoutServerFields(object: KubeObject): KubeObject {
  const { uid: _u, resourceVersion: _r, creationTimestamp: _c, ...metadata } = object.metadata;
  return { ...object, metadata };
}

async function getPod(name: string): Promise<KubeObject> {
  const got = await up.kubectl(['get', 'pod', name, '-o', 'yaml']);
  expect(got.status, got.stderr).toBe(0);
  return parse(got.stdout) as KubeObject;
}

describe('podiam up: the embedded Kubernetes API and its kubeconfig', () => {
  it('prints the API (on 127.0.0.1) and DIR/kubeconfig among the endpoints and in the walkthrough', () => {
    const out = up.stdout();
    expect(out).toContain(`Kubernetes API (no auth)`);
    expect(out).toContain(`http://127.0.0.1:${up.kubeApiPort} (kubectl --kubeconfig ${up.kubeconfig})`);
    expect(out).toContain(`export KUBECONFIG=${up.kubeconfig}`);
    expect(out).toContain(`https://localhost:${up.webhookPort}/mutate`);
    const config = parse(readFileSync(up.kubeconfig, 'utf8')) as { clusters: { cluster: { server: string } }[]; 'current-context': string };
    expect(config.clusters[0]?.cluster.server).toBe(`http://127.0.0.1:${up.kubeApiPort}`);
    expect(config['current-context']).toBe('demo');
  });

  it('kubectl version and api-resources read the discovery documents', async () => {
    const version = await up.kubectl(['version', '-o', 'json']);
    expect(version.status, version.stderr).toBe(0);
    expect(version.json).toMatchObject({ serverVersion: { major: '1' } });
    const resources = await up.kubectl(['api-resources', '--no-headers', '-o', 'name']);
    expect(resources.status, resources.stderr).toBe(0);
    expect(resources.stdout.split('\n')).toEqual(expect.arrayContaining(['pods', 'serviceaccounts', 'namespaces', 'configmaps']));
  });
});

describe('Kubernetes "Dynamic Admission Control": a pod created through the API is mutated by the webhook before it is stored', () => {
  it('kubectl apply of seed 000\'s ServiceAccount and Pod stores the pod exactly as the webhook patches it', async () => {
    const sa = await up.kubectl(['apply', '-f', join(SEED, 'serviceaccount.yaml')]);
    expect(sa.status, sa.stderr).toBe(0);
    expect(sa.stdout.trim()).toBe('serviceaccount/svc-test created');
    const applied = await up.kubectl(['apply', '-f', join(SEED, 'pod.yaml')]);
    expect(applied.status, applied.stderr).toBe(0);
    expect(applied.stdout.trim()).toBe('pod/amazonlinux created');

    const stored = await getPod('amazonlinux');
    // What kubectl sent: the manifest, plus the annotation client-side apply records it in.
    const manifest = parse(readFileSync(join(SEED, 'pod.yaml'), 'utf8')) as KubeObject;
    const lastApplied = stored.metadata.annotations?.[LAST_APPLIED] ?? '';
    expect(JSON.parse(lastApplied)).toMatchObject(manifest);
    const sent: KubeObject = { ...manifest, metadata: { ...manifest.metadata, annotations: { [LAST_APPLIED]: lastApplied } } };

    const patch = await webhookPatch(sent);
    expect(patch.length).toBeGreaterThan(0);
    expect(withoutServerFields(stored)).toEqual(applyJsonPatch(sent, patch));
    expect(stored.metadata).toMatchObject({ uid: expect.any(String), resourceVersion: expect.any(String), creationTimestamp: expect.any(String) });

    // What the webhook injected, read back through kubectl: seed 000's role, token file and projected volume.
    const spec = stored['spec'] as { containers: { env: { name: string; value: string }[]; volumeMounts: { name: string; mountPath: string }[] }[]; volumes: { name: string; projected: { sources: { serviceAccountToken: unknown }[] } }[] };
    const env = Object.fromEntries((spec.containers[0]?.env ?? []).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({
      AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/pod-creator',
      AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token',
    });
    expect(spec.containers[0]?.volumeMounts).toContainEqual(expect.objectContaining({ name: 'aws-iam-token', mountPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount' }));
    expect(spec.volumes).toContainEqual({ name: 'aws-iam-token', projected: { sources: [{ serviceAccountToken: { audience: 'sts.amazonaws.com', expirationSeconds: 86400, path: 'token' } }] } });

    // @kubernetes/client-node, from the same kubeconfig, reads the same stored pod.
    const kc = new KubeConfig();
    kc.loadFromFile(up.kubeconfig);
    const read = await kc.makeApiClient(CoreV1Api).readNamespacedPod({ name: 'amazonlinux', namespace: 'default' });
    expect(read.metadata?.uid).toBe(stored.metadata.uid);
    expect(read.spec?.volumes?.map((v) => v.name)).toContain('aws-iam-token');
  });

  it('a pod labelled eks.amazonaws.com/skip-pod-identity-webhook is not sent to the webhook (objectSelector)', async () => {
    const manifest = readFileSync(join(SEED, 'pod.yaml'), 'utf8').replace('name: amazonlinux\n', 'name: skipped\n  labels:\n    eks.amazonaws.com/skip-pod-identity-webhook: "true"\n');
    const created = await up.kubectl(['create', '-f', '-'], manifest);
    expect(created.status, created.stderr).toBe(0);
    const stored = await getPod('skipped');
    expect(withoutServerFields(stored)).toEqual(parse(manifest));
  });

  // The webhook's check beyond amazon-eks-pod-identity-webhook (issue 4): when the ServiceAccount's role
  // would refuse this pod's token in AssumeRoleWithWebIdentity, the admission response carries a
  // warning, which the API server hands to kubectl as a Warning header and kubectl prints.
  it('kubectl prints a warning when the role would refuse the pod\'s token, and none once the role trusts it', async () => {
    const account = /arn:aws:iam::(\d{12}):oidc-provider\//.exec(up.stdout())?.[1] ?? '';
    const providerArn = /arn:aws:iam::\d{12}:oidc-provider\/\S+/.exec(up.stdout())?.[0] ?? '';
    const providerUrl = providerArn.slice(providerArn.indexOf('oidc-provider/') + 'oidc-provider/'.length);
    const pod = (name: string, sa: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  serviceAccountName: ${sa}\n  containers:\n  - name: app\n    image: amazonlinux\n`;
    const serviceAccount = (sa: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${sa}\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::${account}:role/up-${sa}\n`;
    for (const sa of ['warned', 'trusted']) expect((await up.kubectl(['create', '-f', '-'], serviceAccount(sa))).status).toBe(0);

    const warned = await up.kubectl(['create', '-f', '-'], pod('warned', 'warned'));
    expect(warned.status, warned.stderr).toBe(0);
    expect(warned.stderr).toMatch(/^Warning: .*up-warned/m);

    const keys = readFileSync(join(up.dataDir, 'credentials'), 'utf8');
    const credentials = {
      accessKeyId: /aws_access_key_id\s*=\s*(\S+)/.exec(keys)?.[1] ?? '',
      secretAccessKey: /aws_secret_access_key\s*=\s*(\S+)/.exec(keys)?.[1] ?? '',
    };
    const iam = new IAMClient({ endpoint: up.url, region: 'us-east-1', credentials });
    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: providerArn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${providerUrl}:sub`]: 'system:serviceaccount:default:trusted', [`${providerUrl}:aud`]: 'sts.amazonaws.com' } },
        },
      ],
    };
    await iam.send(new CreateRoleCommand({ RoleName: 'up-trusted', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    const trusted = await up.kubectl(['create', '-f', '-'], pod('trusted', 'trusted'));
    expect(trusted.status, trusted.stderr).toBe(0);
    expect(trusted.stderr).not.toMatch(/Warning/);
    for (const name of ['warned', 'trusted']) expect((await up.kubectl(['delete', 'pod', name])).status).toBe(0);
  });

  it('kubectl annotate, re-apply, get and delete work on the stored objects', async () => {
    const annotated = await up.kubectl(['annotate', 'serviceaccount', 'svc-test', 'eks.amazonaws.com/token-expiration=3600']);
    expect(annotated.status, annotated.stderr).toBe(0);
    const again = await up.kubectl(['apply', '-f', join(SEED, 'serviceaccount.yaml')]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe('serviceaccount/svc-test unchanged');

    // The webhook sees the new annotation (its informer watches this API): a new pod gets the shorter token.
    const manifest = readFileSync(join(SEED, 'pod.yaml'), 'utf8').replace('name: amazonlinux\n', 'name: shorter\n');
    expect((await up.kubectl(['create', '-f', '-'], manifest)).status).toBe(0);
    const shorter = (await getPod('shorter'))['spec'] as { volumes: { projected: { sources: { serviceAccountToken: { expirationSeconds: number } }[] } }[] };
    expect(shorter.volumes[0]?.projected.sources[0]?.serviceAccountToken.expirationSeconds).toBe(3600);

    const listed = await up.kubectl(['get', 'pods', '-o', 'name']);
    expect(listed.stdout.trim().split('\n').sort()).toEqual(['pod/amazonlinux', 'pod/shorter', 'pod/skipped']);
    const deleted = await up.kubectl(['delete', 'pod', 'skipped']);
    expect(deleted.status, deleted.stderr).toBe(0);
    expect(deleted.stdout.trim()).toBe('pod "skipped" deleted');
    const gone = await up.kubectl(['get', 'pod', 'skipped']);
    expect(gone.status).toBe(1);
    expect(gone.stderr).toContain('pods "skipped" not found');
  });

  it('stops on SIGTERM with exit code 0', async () => {
    expect(await up.stop()).toBe(0);
  });
});
