// deploy/webhook: the manifests parse, and say what upstream's manifests and the webhook need.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseWebhookConfig } from './index.ts';

const DIR = join(import.meta.dirname, '..', '..', '..', 'deploy', 'webhook');

function manifests(): Record<string, any>[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) =>
      parseAllDocuments(readFileSync(join(DIR, f), 'utf8')).map((doc) => {
        expect(doc.errors, f).toEqual([]);
        return doc.toJS() as Record<string, any>;
      }),
    );
}

function one(kind: string): Record<string, any> {
  const found = manifests().filter((m) => m['kind'] === kind);
  expect(found).toHaveLength(1);
  return found[0] as Record<string, any>;
}

describe('deploy/webhook manifests (Kubernetes "Dynamic Admission Control")', () => {
  it('register the webhook as upstream does: v1, sideEffects None, failurePolicy Ignore, skip label excluded', () => {
    const config = one('MutatingWebhookConfiguration');
    expect(config['apiVersion']).toBe('admissionregistration.k8s.io/v1');
    const [hook] = config['webhooks'];
    expect(hook).toMatchObject({
      admissionReviewVersions: ['v1', 'v1beta1'],
      sideEffects: 'None',
      failurePolicy: 'Ignore',
      clientConfig: { service: { name: 'podiam-webhook', namespace: 'podiam-system', path: '/mutate', port: 443 } },
      objectSelector: { matchExpressions: [{ key: 'eks.amazonaws.com/skip-pod-identity-webhook', operator: 'DoesNotExist' }] },
      rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
    });
  });

  it('grant get, list and watch on serviceaccounts to the webhook ServiceAccount', () => {
    const role = one('ClusterRole');
    expect(role['rules']).toEqual([{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list', 'watch'] }]);
    const binding = one('ClusterRoleBinding');
    expect(binding['roleRef'].name).toBe(role['metadata'].name);
    const deployment = one('Deployment');
    expect(binding['subjects']).toEqual([{ kind: 'ServiceAccount', name: deployment['spec'].template.spec.serviceAccountName, namespace: 'podiam-system' }]);
  });

  it('run `podiam webhook` with arguments it accepts, behind a Service that maps 443 to its port', () => {
    const deployment = one('Deployment');
    const container = deployment['spec'].template.spec.containers[0];
    expect(container.args[0]).toBe('webhook');
    const config = parseWebhookConfig(container.args.slice(1), {});
    const ports = Object.fromEntries(container.ports.map((p: any) => [p.name, p.containerPort]));
    expect(ports).toEqual({ https: config.port, metrics: config.metricsPort });
    const service = one('Service');
    expect(service['spec'].ports.find((p: any) => p.port === 443)?.targetPort).toBe('https');
    const mounts = Object.fromEntries(container.volumeMounts.map((m: any) => [m.name, m.mountPath]));
    expect(config.tlsCertFile.startsWith(mounts.certs)).toBe(true);
    expect(config.watchContainerCredentialsConfig?.startsWith(mounts['container-credentials'])).toBe(true);
    expect(deployment['spec'].template.metadata.labels['eks.amazonaws.com/skip-pod-identity-webhook']).toBe('true');
    const cm = one('ConfigMap');
    expect(JSON.parse(cm['data']['config.json'])).toEqual({ identities: [] });
  });
});
