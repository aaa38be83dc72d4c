// Service accounts' annotations (for `eks.amazonaws.com/role-arn`), as the watch reports them.

/** Service-account annotations by namespace and name. */
export class ServiceAccountRoles {
  readonly #byKey = new Map<string, Readonly<Record<string, string>>>();
  readonly #roleKey: string;
  #generation = 0;

  /** Only the role annotation is kept; other annotations are not the agent's business. */
  constructor(roleKey: string) {
    this.#roleKey = roleKey;
  }

  upsert(namespace: string, name: string, annotations: Readonly<Record<string, string>> | undefined): void {
    const key = `${namespace}/${name}`;
    const role = annotations?.[this.#roleKey];
    const previous = this.#byKey.get(key);
    if (previous !== undefined && previous[this.#roleKey] === role) return;
    this.#byKey.set(key, role === undefined ? {} : { [this.#roleKey]: role });
    this.#generation++;
  }

  remove(namespace: string, name: string): void {
    if (this.#byKey.delete(`${namespace}/${name}`)) this.#generation++;
  }

  annotations(namespace: string, name: string): Readonly<Record<string, string>> | undefined {
    return this.#byKey.get(`${namespace}/${name}`);
  }

  /** Changes whenever any service account's role changes. */
  get generation(): number {
    return this.#generation;
  }

  get size(): number {
    return this.#byKey.size;
  }
}
