// A JSON value as the policy parser reads it: numbers keep the text they were written with (IAM compares
// condition values in their string form), objects are Maps (so keys such as "__proto__" are just keys) and
// remember duplicate keys, and a value that is not JSON at all is `unreadable`.

/** One JSON value. */
export type JsonNode =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly raw: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | JsonObject
  | { readonly kind: 'unreadable' };

/** A JSON object: members in document order, plus any key written more than once. */
export interface JsonObject {
  readonly kind: 'object';
  readonly members: ReadonlyMap<string, JsonNode>;
  readonly duplicateKeys: readonly string[];
}

