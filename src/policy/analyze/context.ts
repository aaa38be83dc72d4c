// What every check needs: the policy, its type, the catalog, and actions resolved against the catalog once.
import type { PolicyDocument, PolicyType } from '../ast.ts';
import { compileWildcard, hasWildcard } from '../wildcard.ts';
import type { CatalogAction, ServiceCatalog } from './service-catalog.ts';

/** The policy types Access Analyzer validates; session policies and permissions boundaries are identity policies. */
export type ValidatedPolicyType =
  | 'IDENTITY_POLICY'
  | 'RESOURCE_POLICY'
  | 'TRUST_POLICY'
  | 'SERVICE_CONTROL_POLICY'
  | 'RESOURCE_CONTROL_POLICY';

/** What an `Action`/`NotAction` value names. */
export type ActionResolution =
  /** `*`: every action of every service. */
  | { readonly kind: 'all' }
  /** Not `service:action`. */
  | { readonly kind: 'malformed' }
  /** A service prefix the catalog does not know. */
  | { readonly kind: 'unknown-service'; readonly service: string }
  /** A wildcard in the service prefix; the known services it matches. */
  | { readonly kind: 'service-pattern'; readonly services: readonly string[] }
  /** Actions of one service; `wildcard` when the action name has `*` or `?`. Empty when nothing matches. */
  | { readonly kind: 'actions'; readonly service: string; readonly wildcard: boolean; readonly actions: readonly CatalogAction[] };

/** The analysis of one document. */
export interface AnalysisContext {
  readonly policy: PolicyDocument;
  readonly policyType: ValidatedPolicyType;
  readonly catalog: ServiceCatalog;
  /** Resolves an action value against the catalog (cached). */
  resolveAction(value: string): ActionResolution;
}

/** Folds the policy types Access Analyzer does not have into the ones it validates them as. */
export function validatedPolicyType(type: PolicyType): ValidatedPolicyType {
  switch (type) {
    case 'IDENTITY_POLICY':
    case 'SESSION_POLICY':
    case 'PERMISSIONS_BOUNDARY':
      return 'IDENTITY_POLICY';
    case 'RESOURCE_POLICY':
    case 'TRUST_POLICY':
    case 'SERVICE_CONTROL_POLICY':
    case 'RESOURCE_CONTROL_POLICY':
      return type;
    default: {
      const never: never = type;
      return never;
    }
  }
}

/** Builds the context for one analysis. */
export function createContext(policy: PolicyDocument, policyType: PolicyType, catalog: ServiceCatalog): AnalysisContext {
  const cache = new Map<string, ActionResolution>();
  const resolveAction = (value: string): ActionResolution => {
    const known = cache.get(value);
    if (known !== undefined) return known;
    const resolved = resolve(value, catalog);
    cache.set(value, resolved);
    return resolved;
  };
  return {
    policy,
    policyType: validatedPolicyType(policyType),
    catalog,
    resolveAction,
  };
}

function resolve(value: string, catalog: ServiceCatalog): ActionResolution {
  if (value === '*') return { kind: 'all' };
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) return { kind: 'malformed' };
  const service = value.slice(0, colon).toLowerCase();
  const name = value.slice(colon + 1);
  if (hasWildcard(service)) {
    const matcher = compileWildcard(service, true);
    const services = catalog.servicePrefixes().filter((s) => matcher(s));
    if (name === '*') return { kind: 'service-pattern', services };
    // `*:Get*` style: a pattern in both parts; keep the services with a matching action.
    return { kind: 'service-pattern', services: services.filter((s) => matchActions(catalog, s, name).length > 0) };
  }
  if (!catalog.hasService(service)) return { kind: 'unknown-service', service };
  if (!hasWildcard(name)) {
    const action = catalog.action(service, name);
    return { kind: 'actions', service, wildcard: false, actions: action === undefined ? [] : [action] };
  }
  return { kind: 'actions', service, wildcard: true, actions: matchActions(catalog, service, name) };
}

function matchActions(catalog: ServiceCatalog, service: string, pattern: string): CatalogAction[] {
  const matcher = compileWildcard(pattern, true);
  return catalog.actions(service).filter((a) => matcher(a.name));
}
