// An already-parsed JavaScript value to JsonNode. Whatever is not plain JSON data (undefined, functions,
// symbols, bigints, non-finite numbers, class instances, throwing getters) becomes `unreadable`, which the
// policy grammar then refuses like any other wrong type.
//
// No element of the policy grammar sits deeper than six levels (policy > Statement > [i] > Condition >
// operator > key > [values]), so the import stops descending at MAX_DEPTH: anything below is unreadable,
// which also makes cyclic structures harmless.

import type { JsonNode } from './json-node.ts';

const MAX_DEPTH = 8;
// No AWS policy document comes near this many array items (the largest, a resource policy of a few
// hundred kilobytes, holds fewer); a longer (possibly sparse) array is refused rather than walked.
const MAX_ITEMS = 1_000_000;
const UNREADABLE: JsonNode = { kind: 'unreadable' };

/** Converts a parsed value to a JsonNode; never throws. */
export function importJsonValue(value: unknown): JsonNode {
  try {
    return importAt(value, 0);
  } catch {
    // A Proxy or getter that throws: the value cannot be read as JSON.
    return UNREADABLE;
  }
}

function importAt(value: unknown, depth: number): JsonNode {
  switch (typeof value) {
    case 'string':
      return { kind: 'string', value };
    case 'number':
      return Number.isFinite(value) ? { kind: 'number', raw: String(value) } : UNREADABLE;
    case 'boolean':
      return { kind: 'boolean', value };
    case 'object':
      break;
    default:
      return UNREADABLE;
  }
  if (value === null) return { kind: 'null' };
  if (depth >= MAX_DEPTH) return UNREADABLE;
  if (Array.isArray(value)) {
    if (value.length > MAX_ITEMS) return UNREADABLE;
    const items: JsonNode[] = new Array<JsonNode>(value.length);
    for (let i = 0; i < value.length; i++) items[i] = importAt(value[i], depth + 1);
    return { kind: 'array', items };
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return UNREADABLE;
  const members = new Map<string, JsonNode>();
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) members.set(key, importAt(record[key], depth + 1));
  return { kind: 'object', members, duplicateKeys: [] };
}
