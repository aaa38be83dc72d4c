// Field selectors as the API server reads `fieldSelector=` (k8s.io/apimachinery fields.Parse):
// `f=v`, `f==v`, `f!=v`, comma = AND, over the fields a resource registers (others: 400).
import type { KubeObject } from './kube-object.ts';
import { SelectorParseError } from './label-selector.ts';

/** Reads one selectable field of an object as the string the API server compares. */
export type FieldGetter = (object: KubeObject) => string;

/** A parsed field selector. */
export interface FieldSelector {
  readonly source: string;
  matches(object: KubeObject): boolean;
}

/** Every resource can be selected by name and namespace. */
export const COMMON_FIELDS: Readonly<Record<string, FieldGetter>> = {
  'metadata.name': (o) => o.metadata.name ?? '',
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
};

/** Parses a field selector against the fields one resource supports. */
export function parseFieldSelector(source: string, fields: Readonly<Record<string, FieldGetter>>): FieldSelector {
  const terms = source
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((term) => {
      const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
      if (m?.[1] === undefined || m[2] === undefined || m[3] === undefined) {
        throw new SelectorParseError(`invalid selector: '${term}'; can't understand '${term}'`);
      }
      const getter = fields[m[1]];
      if (getter === undefined) throw new SelectorParseError(`field label not supported: ${m[1]}`);
      return { getter, negate: m[2] === '!=', value: m[3] };
    });
  return {
    source,
    matches: (object) => terms.every((t) => (t.getter(object) === t.value) !== t.negate),
  };
}

/** Reads a nested property as a string ('' when absent), for field getters. */
export function fieldAt(object: KubeObject, path: readonly string[]): string {
  let value: unknown = object;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return '';
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}
