// The resources the API server serves. Add one by appending a ResourceKind (or pass extra kinds to
// startApiServer): discovery, routing, list/watch, selectors and CRUD follow from this table.
import { COMMON_FIELDS, fieldAt, type FieldGetter } from './field-selector.ts';

/** One served resource: where it lives in the API and which fields its field selector accepts. */
export interface ResourceKind {
  /** URL plural, e.g. `pods`. */
  readonly plural: string;
  /** `kind` of one object, e.g. `Pod` (lists are `<kind>List`). */
  readonly kind: string;
  /** API group ('' for core). */
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
  /** Fields `fieldSelector=` may name, beyond metadata.name and metadata.namespace. */
  readonly fields: Readonly<Record<string, FieldGetter>>;
  /** Short names kubectl accepts (`po`, `sa`), from discovery. */
  readonly shortNames?: readonly string[];
  /** Subresources served besides the object itself (`status`). */
  readonly subresources?: readonly string[];
}

/** `apiVersion` of the kind's objects (`v1`, `apps/v1`). */
export function apiVersionOf(kind: ResourceKind): string {
  return kind.group === '' ? kind.version : `${kind.group}/${kind.version}`;
}

/** URL prefix of the kind's API group version (`/api/v1`, `/apis/apps/v1`). */
export function apiPrefixOf(kind: ResourceKind): string {
  return kind.group === '' ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`;
}

// The pod field labels kube-apiserver registers (pkg/registry/core/pod/strategy.go PodToSelectableFields).
const POD_FIELDS: Record<string, FieldGetter> = {
  ...COMMON_FIELDS,
  'spec.nodeName': (o) => fieldAt(o, ['spec', 'nodeName']),
  'spec.restartPolicy': (o) => fieldAt(o, ['spec', 'restartPolicy']),
  'spec.schedulerName': (o) => fieldAt(o, ['spec', 'schedulerName']),
  'spec.serviceAccountName': (o) => fieldAt(o, ['spec', 'serviceAccountName']),
  'spec.hostNetwork': (o) => (fieldAt(o, ['spec', 'hostNetwork']) === 'true' ? 'true' : 'false'),
  'status.phase': (o) => fieldAt(o, ['status', 'phase']),
  'status.podIP': (o) => fieldAt(o, ['status', 'podIP']),
  'status.nominatedNodeName': (o) => fieldAt(o, ['status', 'nominatedNodeName']),
};

// Kinds stored only, so that `kubectl apply` (and `--dry-run=client`, which needs them in discovery and
// the OpenAPI index) accepts podiam's own deploy/ manifests: nothing acts on them here (no Deployment
// controller, no RBAC enforcement, and a stored MutatingWebhookConfiguration routes no pod; `podiam up`
// registers its webhook itself).
const STORED_ONLY_KINDS: readonly ResourceKind[] = [
  { plural: 'services', kind: 'Service', group: '', version: 'v1', namespaced: true, fields: COMMON_FIELDS, shortNames: ['svc'], subresources: ['status'] },
  { plural: 'deployments', kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true, fields: COMMON_FIELDS, shortNames: ['deploy'], subresources: ['status'] },
  { plural: 'daemonsets', kind: 'DaemonSet', group: 'apps', version: 'v1', namespaced: true, fields: COMMON_FIELDS, shortNames: ['ds'], subresources: ['status'] },
  { plural: 'roles', kind: 'Role', group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: true, fields: COMMON_FIELDS },
  { plural: 'rolebindings', kind: 'RoleBinding', group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: true, fields: COMMON_FIELDS },
  { plural: 'clusterroles', kind: 'ClusterRole', group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: false, fields: COMMON_FIELDS },
  { plural: 'clusterrolebindings', kind: 'ClusterRoleBinding', group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: false, fields: COMMON_FIELDS },
  {
    plural: 'mutatingwebhookconfigurations',
    kind: 'MutatingWebhookConfiguration',
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    namespaced: false,
    fields: COMMON_FIELDS,
  },
];

/**
 * The kinds served by default: core/v1 pods, serviceaccounts, namespaces, configmaps, secrets, nodes,
 * and, stored only, services, apps/v1 deployments and daemonsets, RBAC and MutatingWebhookConfigurations.
 */
export const DEFAULT_RESOURCE_KINDS: readonly ResourceKind[] = [
  { plural: 'pods', kind: 'Pod', group: '', version: 'v1', namespaced: true, fields: POD_FIELDS, shortNames: ['po'], subresources: ['status'] },
  { plural: 'serviceaccounts', kind: 'ServiceAccount', group: '', version: 'v1', namespaced: true, fields: COMMON_FIELDS, shortNames: ['sa'] },
  {
    plural: 'namespaces',
    kind: 'Namespace',
    group: '',
    version: 'v1',
    namespaced: false,
    fields: { ...COMMON_FIELDS, 'status.phase': (o) => fieldAt(o, ['status', 'phase']) },
    shortNames: ['ns'],
    subresources: ['status'],
  },
  { plural: 'configmaps', kind: 'ConfigMap', group: '', version: 'v1', namespaced: true, fields: COMMON_FIELDS, shortNames: ['cm'] },
  {
    plural: 'secrets',
    kind: 'Secret',
    group: '',
    version: 'v1',
    namespaced: true,
    fields: { ...COMMON_FIELDS, type: (o) => fieldAt(o, ['type']) },
  },
  { plural: 'nodes', kind: 'Node', group: '', version: 'v1', namespaced: false, fields: COMMON_FIELDS, shortNames: ['no'], subresources: ['status'] },
  ...STORED_ONLY_KINDS,
];
