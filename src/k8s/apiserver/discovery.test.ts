import { describe, expect, it } from 'vitest';
import { discoveryDocument } from './discovery.ts';
import { openApiDocument } from './openapi.ts';
import { DEFAULT_RESOURCE_KINDS, type ResourceKind } from './resource-kinds.ts';

const DEPLOYMENTS: ResourceKind = { plural: 'deployments', kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true, fields: {} };
// The core kinds and one named group, so that the documents below stay small.
const KINDS = [...DEFAULT_RESOURCE_KINDS.filter((k) => k.group === ''), DEPLOYMENTS];

describe('Kubernetes API: Discovery API (unaggregated)', () => {
  it('/api lists the core version and the address clients reach the server at', () => {
    expect(discoveryDocument('/api', KINDS, '127.0.0.1:4579')).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:4579' }],
    });
  });

  it('/apis lists the named groups only, with their preferred version', () => {
    expect(discoveryDocument('/apis', KINDS, '')).toEqual({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } }],
    });
    expect(discoveryDocument('/apis', DEFAULT_RESOURCE_KINDS.filter((k) => k.group === ''), '')).toMatchObject({ groups: [] });
  });

  it('/api/v1 lists each resource with its scope, verbs, short names and status subresource', () => {
    const list = discoveryDocument('/api/v1', KINDS, '') as { groupVersion: string; resources: { name: string; namespaced: boolean; kind: string; verbs: string[]; shortNames?: string[] }[] };
    expect(list.groupVersion).toBe('v1');
    const byName = new Map(list.resources.map((r) => [r.name, r]));
    expect(byName.get('pods')).toMatchObject({ namespaced: true, kind: 'Pod', shortNames: ['po'] });
    expect(byName.get('pods')?.verbs).toEqual(expect.arrayContaining(['create', 'get', 'list', 'watch', 'patch', 'update', 'delete']));
    expect(byName.get('serviceaccounts')).toMatchObject({ namespaced: true, shortNames: ['sa'] });
    expect(byName.get('namespaces')).toMatchObject({ namespaced: false, shortNames: ['ns'] });
    expect(byName.get('pods/status')).toMatchObject({ kind: 'Pod', verbs: ['get', 'patch', 'update'] });
    expect(byName.has('deployments')).toBe(false);
    expect(discoveryDocument('/apis/apps/v1', KINDS, '')).toMatchObject({ groupVersion: 'apps/v1', resources: [{ name: 'deployments' }] });
  });

  it('/version reports a Kubernetes version kubectl accepts; other paths are not discovery', () => {
    expect(discoveryDocument('/version', KINDS, '')).toMatchObject({ major: '1', gitVersion: expect.stringMatching(/^v1\.\d+\.\d+/) });
    expect(discoveryDocument('/api/v1/pods', KINDS, '')).toBeUndefined();
    expect(discoveryDocument('/apis/batch/v1', KINDS, '')).toBeUndefined();
  });
});

describe('Kubernetes API: Discovery API — the kinds of podiam\'s deploy/ manifests are served by default', () => {
  // kubectl apply (even --dry-run=client) maps every document's apiVersion/kind through discovery and
  // fetches the group version's OpenAPI document; a kind missing from either is refused.
  const wanted = [
    ['/api/v1', 'services', 'Service', true],
    ['/apis/apps/v1', 'deployments', 'Deployment', true],
    ['/apis/apps/v1', 'daemonsets', 'DaemonSet', true],
    ['/apis/rbac.authorization.k8s.io/v1', 'roles', 'Role', true],
    ['/apis/rbac.authorization.k8s.io/v1', 'rolebindings', 'RoleBinding', true],
    ['/apis/rbac.authorization.k8s.io/v1', 'clusterroles', 'ClusterRole', false],
    ['/apis/rbac.authorization.k8s.io/v1', 'clusterrolebindings', 'ClusterRoleBinding', false],
    ['/apis/admissionregistration.k8s.io/v1', 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false],
  ] as const;
  it.each(wanted)('%s lists %s (%s), namespaced=%s', (prefix, plural, kind, namespaced) => {
    const list = discoveryDocument(prefix, DEFAULT_RESOURCE_KINDS, '') as { resources: { name: string; kind: string; namespaced: boolean }[] };
    expect(list.resources).toContainEqual(expect.objectContaining({ name: plural, kind, namespaced }));
    const index = openApiDocument('/openapi/v3', DEFAULT_RESOURCE_KINDS, 'v') as { paths: Record<string, unknown> };
    expect(Object.keys(index.paths)).toContain(prefix.slice(1));
  });
  it('/apis lists the named groups once each', () => {
    const groups = (discoveryDocument('/apis', DEFAULT_RESOURCE_KINDS, '') as { groups: { name: string }[] }).groups.map((g) => g.name);
    expect(groups).toEqual(['apps', 'rbac.authorization.k8s.io', 'admissionregistration.k8s.io']);
  });
});

describe('Kubernetes API: OpenAPI v3 (what kubectl reads to choose server-side field validation)', () => {
  it('/openapi/v3 indexes one document per group version', () => {
    expect(openApiDocument('/openapi/v3', KINDS, 'v1.31.0')).toEqual({
      paths: {
        'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=v1.31.0' },
        'apis/apps/v1': { serverRelativeURL: '/openapi/v3/apis/apps/v1?hash=v1.31.0' },
      },
    });
  });

  it('each PATCH names its kind and takes fieldValidation; strategic merge patch is not offered', () => {
    const doc = openApiDocument('/openapi/v3/api/v1', KINDS, 'v1.31.0') as { paths: Record<string, Record<string, { 'x-kubernetes-group-version-kind': unknown; parameters: { name: string; in: string }[]; requestBody: { content: Record<string, unknown> } }>> };
    const pod = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}']?.['patch'];
    expect(pod?.['x-kubernetes-group-version-kind']).toEqual({ group: '', version: 'v1', kind: 'Pod' });
    expect(pod?.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
    expect(Object.keys(pod?.requestBody.content ?? {})).not.toContain('application/strategic-merge-patch+json');
    // Cluster-scoped kinds have no {namespace} segment.
    expect(doc.paths['/api/v1/namespaces/{name}']?.['patch']?.['x-kubernetes-group-version-kind']).toEqual({ group: '', version: 'v1', kind: 'Namespace' });
    expect(doc.paths['/api/v1/namespaces/{namespace}/deployments/{name}']).toBeUndefined();
    expect(openApiDocument('/openapi/v3/apis/batch/v1', KINDS, 'v1.31.0')).toBeUndefined();
  });
});
