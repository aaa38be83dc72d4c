// The API server's discovery documents, as kubectl and client-go read them before any request on a
// resource ("Kubernetes API: Discovery API", unaggregated form): `/version`, `/api` (APIVersions),
// `/apis` (APIGroupList), and one APIResourceList per group version (`/api/v1`, `/apis/G/V`).
// Clients that ask for the aggregated form (apidiscovery.k8s.io/v2) fall back to these when the
// answer is plain `application/json`, as it is here.
import { apiPrefixOf, apiVersionOf, type ResourceKind } from './resource-kinds.ts';

/** What `/version` reports (k8s.io/apimachinery version.Info). */
export const SERVER_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.0-podiam',
  gitCommit: '',
  gitTreeState: '',
  buildDate: '1970-01-01T00:00:00Z',
  goVersion: '',
  compiler: 'node',
  platform: 'linux/amd64',
} as const;

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

/** The discovery document at `pathname` for the served kinds, or undefined when the path is not a discovery path. */
export function discoveryDocument(pathname: string, kinds: readonly ResourceKind[], serverAddress: string): unknown {
  switch (pathname) {
    case '/version':
      return SERVER_VERSION;
    case '/api':
      return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
    case '/apis':
      return { kind: 'APIGroupList', apiVersion: 'v1', groups: apiGroups(kinds) };
    case '/healthz':
    case '/livez':
    case '/readyz':
      return 'ok';
    default:
      break;
  }
  const served = kinds.filter((k) => apiPrefixOf(k) === pathname);
  const first = served[0];
  if (first === undefined) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(first),
    resources: served.flatMap((k) => [
      {
        name: k.plural,
        singularName: k.kind.toLowerCase(),
        namespaced: k.namespaced,
        kind: k.kind,
        verbs: [...VERBS],
        ...(k.shortNames === undefined ? {} : { shortNames: [...k.shortNames] }),
      },
      ...(k.subresources ?? []).map((sub) => ({ name: `${k.plural}/${sub}`, singularName: '', namespaced: k.namespaced, kind: k.kind, verbs: ['get', 'patch', 'update'] })),
    ]),
  };
}

/** The named API groups (core `v1` is listed by `/api`, not here). */
function apiGroups(kinds: readonly ResourceKind[]): unknown[] {
  const groups = new Map<string, string[]>();
  for (const k of kinds) {
    if (k.group === '') continue;
    const versions = groups.get(k.group) ?? [];
    if (!versions.includes(k.version)) versions.push(k.version);
    groups.set(k.group, versions);
  }
  return [...groups].map(([name, versions]) => {
    const list = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
    return { name, versions: list, preferredVersion: list[0] };
  });
}
