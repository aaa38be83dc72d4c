// The request context: the condition keys and values a request brings to evaluation.
// IAM User Guide, "AWS global condition context keys": key names are case-insensitive.

/** A context value: single-valued keys hold a string, multivalued keys an array of strings. */
export type ContextValue = string | readonly string[];

/** The condition keys of one request, looked up case-insensitively. Build once per request. */
export class RequestContext {
  readonly #values: Map<string, ContextValue>;

  constructor(entries: Iterable<readonly [string, ContextValue]> | Readonly<Record<string, ContextValue>> = []) {
    this.#values = new Map();
    const pairs = Symbol.iterator in entries ? entries : Object.entries(entries);
    for (const [key, value] of pairs as Iterable<readonly [string, ContextValue]>) {
      this.#values.set(key.toLowerCase(), value);
    }
  }

  /** The value of a key, whatever the case it is written in. */
  get(key: string): ContextValue | undefined {
    return this.#values.get(key.toLowerCase());
  }

  /** The value of a key already in lower case (the compiled hot path). */
  getLower(lowerKey: string): ContextValue | undefined {
    return this.#values.get(lowerKey);
  }

  /** True when the request carries the key. */
  has(key: string): boolean {
    return this.#values.has(key.toLowerCase());
  }

  /** A new context with these keys added or replaced. */
  with(entries: Readonly<Record<string, ContextValue>>): RequestContext {
    const next = new RequestContext(this.#values);
    for (const [key, value] of Object.entries(entries)) next.#values.set(key.toLowerCase(), value);
    return next;
  }

  /** Every key (lower case) and value. */
  entries(): IterableIterator<[string, ContextValue]> {
    return this.#values.entries();
  }
}
