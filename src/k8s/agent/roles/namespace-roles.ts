// Namespaces' allowed-roles annotations, compiled once per annotation value.
import type { RoleRules } from './role-rules.ts';
import { compileAllowedRoles, type AllowedRoles } from './namespace-restriction.ts';

interface Entry {
  readonly annotation: string | undefined;
  compiled: AllowedRoles | undefined;
}

/** The allowed-roles of every namespace the agent has seen. */
export class NamespaceRoles {
  readonly #rules: RoleRules;
  readonly #byName = new Map<string, Entry>();
  #generation = 0;

  constructor(rules: RoleRules) {
    this.#rules = rules;
  }

  /** Records a namespace's annotations (from the watch). */
  upsert(name: string, annotations: Readonly<Record<string, string>> | undefined): void {
    const annotation = annotations?.[this.#rules.namespaceKey];
    const existing = this.#byName.get(name);
    if (existing !== undefined && existing.annotation === annotation) return;
    this.#byName.set(name, { annotation, compiled: undefined });
    this.#generation++;
  }

  remove(name: string): void {
    if (this.#byName.delete(name)) this.#generation++;
  }

  /** Changes whenever any namespace's allowed roles change. */
  get generation(): number {
    return this.#generation;
  }

  /** The namespace's compiled allowed roles (nothing allowed for an unknown namespace). */
  allowedRoles(name: string): AllowedRoles {
    const entry = this.#byName.get(name);
    if (entry === undefined) return compileAllowedRoles(undefined, this.#rules.restrictionFormat, this.#rules.baseRoleArn);
    entry.compiled ??= compileAllowedRoles(entry.annotation, this.#rules.restrictionFormat, this.#rules.baseRoleArn);
    return entry.compiled;
  }

  get size(): number {
    return this.#byName.size;
  }
}
