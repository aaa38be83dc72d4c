// Maps an API path to the resource it addresses, as kube-apiserver's REST paths are laid out:
//   {prefix}/{plural}                               all objects (every namespace, or cluster-scoped)
//   {prefix}/{plural}/{name}[/{sub}]                a cluster-scoped object
//   {prefix}/namespaces/{ns}/{plural}               the objects of one namespace
//   {prefix}/namespaces/{ns}/{plural}/{name}[/{sub}] one namespaced object
// where {prefix} is /api/v1 or /apis/{group}/{version}.
import { apiPrefixOf, type ResourceKind } from './resource-kinds.ts';

/** What a request path addresses. */
export interface ApiTarget {
  readonly kind: ResourceKind;
  readonly namespace: string | undefined;
  /** Undefined for a collection. */
  readonly name: string | undefined;
  readonly subresource: string | undefined;
}

/** Resolves a path against the served kinds; undefined for anything else (404). */
export function resolveRoute(pathname: string, kinds: readonly ResourceKind[]): ApiTarget | undefined {
  for (const kind of kinds) {
    const prefix = `${apiPrefixOf(kind)}/`;
    if (!pathname.startsWith(prefix)) continue;
    const parts = pathname
      .slice(prefix.length)
      .split('/')
      .map((p) => decodeURIComponent(p));
    if (parts.some((p) => p === '')) continue;
    if (kind.namespaced && parts[0] === 'namespaces' && parts.length >= 3 && parts[2] === kind.plural && parts.length <= 5) {
      return { kind, namespace: parts[1], name: parts[3], subresource: parts[4] };
    }
    if (parts[0] === kind.plural && parts.length === 1) {
      return { kind, namespace: undefined, name: undefined, subresource: undefined };
    }
    if (!kind.namespaced && parts[0] === kind.plural && parts.length <= 3) {
      // namespaces/{name}/{sub} must not shadow namespaces/{ns}/{plural} of a namespaced kind.
      if (parts.length === 3 && kinds.some((k) => k.namespaced && k.plural === parts[2] && apiPrefixOf(k) === apiPrefixOf(kind))) continue;
      return { kind, namespace: undefined, name: parts[1], subresource: parts[2] };
    }
  }
  return undefined;
}
