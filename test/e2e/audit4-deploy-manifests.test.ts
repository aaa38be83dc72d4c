// deploy/webhook with the real kubectl against the Kubernetes API that `podiam up` embeds: kubectl
// maps every manifest's apiVersion/kind through discovery and reads the group version's OpenAPI
// document before it applies anything, even with --dry-run=client, so each kind the manifests use
// (Service, apps/v1 Deployment and DaemonSet, RBAC, MutatingWebhookConfiguration) must be served.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../src/k8s/apiserver/index.ts';

const run = promisify(execFile);
const DEPLOY = resolve(import.meta.dirname, '../../deploy/webhook');

let api: ApiServer;
let kubeconfig: string;

beforeAll(async () => {
  api = await startApiServer();
  kubeconfig = await api.writeKubeconfig();
});
afterAll(() => api?.close());

async function kubectl(args: string[], stdin?: string): Promise<string> {
  const child = run('kubectl', ['--kubeconfig', kubeconfig, ...args], { timeout: 30_000 });
  if (stdin !== undefined) child.child.stdin?.end(stdin);
  const { stdout } = await child;
  return stdout;
}

describe('kubectl apply of deploy/webhook (Kubernetes "Dynamic Admission Control"; README of deploy/webhook)', () => {
  it('kubectl apply --dry-run=client -f deploy/webhook/ accepts every manifest', async () => {
    const out = await kubectl(['apply', '--dry-run=client', '-f', `${DEPLOY}/`]);
    for (const created of [
      'configmap/podiam-container-credentials',
      'deployment.apps/podiam-webhook',
      'mutatingwebhookconfiguration.admissionregistration.k8s.io/pod-identity-webhook',
      'namespace/podiam-system',
      'serviceaccount/podiam-webhook',
      'clusterrole.rbac.authorization.k8s.io/podiam-webhook',
      'clusterrolebinding.rbac.authorization.k8s.io/podiam-webhook',
      'service/podiam-webhook',
    ]) {
      expect(out).toContain(`${created} created (dry run)`);
    }
  }, 60_000);

  it('the README order applies for real, the caBundle substituted, and kubectl reads the objects back', async () => {
    await kubectl(['apply', '-f', join(DEPLOY, 'namespace.yaml'), '-f', join(DEPLOY, 'rbac.yaml'), '-f', join(DEPLOY, 'container-credentials.yaml')]);
    await kubectl(['apply', '-f', join(DEPLOY, 'deployment.yaml'), '-f', join(DEPLOY, 'service.yaml')]);
    const caBundle = Buffer.from('-----BEGIN CERTIFICATE-----\n').toString('base64');
    const webhook = readFileSync(join(DEPLOY, 'mutatingwebhook.yaml'), 'utf8').replaceAll('${CA_BUNDLE}', caBundle);
    await kubectl(['apply', '-f', '-'], webhook);
    const got = JSON.parse(await kubectl(['get', 'mutatingwebhookconfiguration', 'pod-identity-webhook', '-o', 'json'])) as {
      webhooks: { clientConfig: { caBundle: string; service: { name: string; namespace: string } } }[];
    };
    expect(got.webhooks[0]?.clientConfig).toMatchObject({ caBundle, service: { name: 'podiam-webhook', namespace: 'podiam-system' } });
    const names = await kubectl(['-n', 'podiam-system', 'get', 'deployments,services,serviceaccounts,configmaps', '-o', 'name']);
    expect(names.split('\n').filter((n) => n !== '').sort()).toEqual(
      ['configmap/podiam-container-credentials', 'deployment.apps/podiam-webhook', 'service/podiam-webhook', 'serviceaccount/podiam-webhook'].sort(),
    );
    expect(await kubectl(['get', 'clusterrolebinding', 'podiam-webhook', '-o', 'jsonpath={.roleRef.name}'])).toBe('podiam-webhook');
  }, 60_000);
});
