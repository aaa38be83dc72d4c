// Role decisions for pods, remembered per pod object until the pod, its namespace's allowed roles or
// service accounts change, so the hot path does not re-parse annotations.
import type { PodView } from '../pods/pod-view.ts';
import { decidePodRole, decideServiceAccountRole, type RoleDecision } from './decide-role.ts';
import type { NamespaceRoles } from './namespace-roles.ts';
import type { RoleRules } from './role-rules.ts';
import type { ServiceAccountRoles } from './service-account-roles.ts';

interface Memo {
  readonly generation: string;
  readonly decision: RoleDecision;
}

/** Decides and remembers pods' roles. */
export class PodRoles {
  readonly rules: RoleRules;
  readonly #namespaces: NamespaceRoles;
  readonly #serviceAccounts: ServiceAccountRoles;
  readonly #imds = new WeakMap<PodView, Memo>();
  readonly #container = new WeakMap<PodView, Memo>();
  readonly #allowed = (ns: string) => this.#namespaces.allowedRoles(ns);

  constructor(rules: RoleRules, namespaces: NamespaceRoles, serviceAccounts: ServiceAccountRoles) {
    this.rules = rules;
    this.#namespaces = namespaces;
    this.#serviceAccounts = serviceAccounts;
  }

  /** The pod's instance-metadata role (annotation or default role). */
  metadataRole(pod: PodView): RoleDecision {
    const generation = String(this.#namespaces.generation);
    const memo = this.#imds.get(pod);
    if (memo !== undefined && memo.generation === generation) return memo.decision;
    const decision = decidePodRole(pod, this.rules, this.#allowed);
    this.#imds.set(pod, { generation, decision });
    return decision;
  }

  /** The pod's container-credentials role (its service account's role ARN). */
  containerRole(pod: PodView): RoleDecision {
    const generation = `${this.#namespaces.generation}/${this.#serviceAccounts.generation}`;
    const memo = this.#container.get(pod);
    if (memo !== undefined && memo.generation === generation) return memo.decision;
    const decision = decideServiceAccountRole(pod, this.#serviceAccounts.annotations(pod.namespace, pod.serviceAccount), this.rules, this.#allowed);
    this.#container.set(pod, { generation, decision });
    return decision;
  }
}
