// "Single string or array of strings": how Action, Resource and principal values may be written.
// IAM User Guide, "Grammar of the IAM JSON policy language": "If the element takes an array ... but only
// one value is included, the brackets are optional."

import type { JsonNode } from './json-node.ts';

/** The strings an element holds, or why it holds none. */
export type StringListRead =
  | { readonly ok: true; readonly values: readonly string[] }
  | { readonly ok: false; readonly problem: 'wrong-type' | 'empty' };

/** Reads a string or a non-empty array of strings. */
export function readStringList(node: JsonNode): StringListRead {
  if (node.kind === 'string') return { ok: true, values: [node.value] };
  if (node.kind !== 'array') return { ok: false, problem: 'wrong-type' };
  if (node.items.length === 0) return { ok: false, problem: 'empty' };
  const values: string[] = [];
  for (const item of node.items) {
    if (item.kind !== 'string') return { ok: false, problem: 'wrong-type' };
    values.push(item.value);
  }
  return { ok: true, values };
}

/**
 * Reads condition values: a string, number or Boolean, or an array of them ("Grammar of the IAM JSON
 * policy language": condition_value). Numbers keep the text they were written with; Booleans become
 * "true"/"false". IAM accepts an empty array here. Returns undefined for any other shape.
 */
export function readConditionValues(node: JsonNode): readonly string[] | undefined {
  const scalar = scalarText(node);
  if (scalar !== undefined) return [scalar];
  if (node.kind !== 'array') return undefined;
  const values: string[] = [];
  for (const item of node.items) {
    const text = scalarText(item);
    if (text === undefined) return undefined;
    values.push(text);
  }
  return values;
}

function scalarText(node: JsonNode): string | undefined {
  switch (node.kind) {
    case 'string':
      return node.value;
    case 'number':
      return node.raw;
    case 'boolean':
      return node.value ? 'true' : 'false';
    case 'null':
    case 'array':
    case 'object':
    case 'unreadable':
      return undefined;
    default: {
      const unknown: never = node;
      return unknown;
    }
  }
}
