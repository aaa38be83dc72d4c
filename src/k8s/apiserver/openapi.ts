// The OpenAPI v3 documents kubectl reads before `apply` and `create`: `/openapi/v3` lists one document
// per group version, and each document's PATCH operations name their kind
// (`x-kubernetes-group-version-kind`) and accept the `fieldValidation` query parameter. That is how
// kubectl learns that the server validates fields itself (server-side field validation, Kubernetes
// 1.27+) and skips client-side validation, which would need the full schemas; without these
// documents kubectl refuses to apply ("failed to download openapi"). The schemas are left open:
// this server stores objects as they come.
import { apiPrefixOf, type ResourceKind } from './resource-kinds.ts';

const DOCUMENT_PREFIX = '/openapi/v3/';

/** The group-version path of a kind in the OpenAPI v3 index (`api/v1`, `apis/apps/v1`). */
function documentPath(kind: ResourceKind): string {
  return apiPrefixOf(kind).slice(1);
}

/** The OpenAPI document at `pathname` (`/openapi/v3` or `/openapi/v3/<group version>`), or undefined. */
export function openApiDocument(pathname: string, kinds: readonly ResourceKind[], version: string): unknown {
  if (pathname === '/openapi/v3') {
    const paths = [...new Set(kinds.map(documentPath))];
    // The hash only lets clients cache by URL; the documents change only with the served kinds.
    return { paths: Object.fromEntries(paths.map((p) => [p, { serverRelativeURL: `${DOCUMENT_PREFIX}${p}?hash=${version}` }])) };
  }
  if (!pathname.startsWith(DOCUMENT_PREFIX)) return undefined;
  const served = kinds.filter((k) => documentPath(k) === pathname.slice(DOCUMENT_PREFIX.length));
  if (served.length === 0) return undefined;
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version },
    paths: Object.fromEntries(served.flatMap((k) => operations(k))),
    components: { schemas: Object.fromEntries(served.map((k) => [schemaName(k), { type: 'object', 'x-kubernetes-group-version-kind': [gvk(k)] }])) },
  };
}

function gvk(kind: ResourceKind): { group: string; version: string; kind: string } {
  return { group: kind.group, version: kind.version, kind: kind.kind };
}

function schemaName(kind: ResourceKind): string {
  return `io.podiam.${kind.group === '' ? 'core' : kind.group}.${kind.version}.${kind.kind}`;
}

const FIELD_VALIDATION = { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } } as const;

function operations(kind: ResourceKind): [string, unknown][] {
  const base = kind.namespaced ? `${apiPrefixOf(kind)}/namespaces/{namespace}/${kind.plural}` : `${apiPrefixOf(kind)}/${kind.plural}`;
  const body = { content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaName(kind)}` } } } };
  const extensions = { 'x-kubernetes-group-version-kind': gvk(kind) };
  // Strategic merge patch is not offered: it is approximated as a merge patch here, so kubectl
  // computes its apply patches from its own built-in types rather than from these open schemas.
  const patchBody = { content: { 'application/json-patch+json': {}, 'application/merge-patch+json': {} } };
  return [
    [base, { post: { ...extensions, 'x-kubernetes-action': 'post', parameters: [FIELD_VALIDATION], requestBody: body } }],
    [`${base}/{name}`, { patch: { ...extensions, 'x-kubernetes-action': 'patch', parameters: [FIELD_VALIDATION], requestBody: patchBody } }],
  ];
}
