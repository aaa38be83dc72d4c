// Writing values as the Query protocol's XML, driven by their shapes (botocore's QueryParser reads
// exactly this): structure members as elements in shape order, lists as `<member>` elements (or
// the repeated element when flattened), maps as `<entry><key/><value/></entry>`, timestamps in
// ISO 8601, booleans as true/false. Absent members are left out; an empty list is an empty element.

import type { Shape, StructureShape } from '../shape/index.ts';
import { xmlEscape } from './xml-escape.ts';

/** ISO 8601 with seconds precision in UTC (`2024-05-01T12:00:00Z`), as IAM and STS write times. */
export function formatXmlTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The XML of a structure's members (without an element of its own). */
export function writeMembers(shape: StructureShape, value: unknown): string {
  if (value === null || typeof value !== 'object') return '';
  const record = value as Record<string, unknown>;
  let out = '';
  for (const [name, member] of Object.entries(shape.members)) {
    const v = record[name];
    if (v === undefined || v === null) continue;
    out += writeElement(name, member, v);
  }
  return out;
}

/** One element named `name` holding `value` of `shape`. */
export function writeElement(name: string, shape: Shape, value: unknown): string {
  switch (shape.type) {
    case 'structure':
      return `<${name}>${writeMembers(shape, value)}</${name}>`;
    case 'list': {
      if (!Array.isArray(value)) return '';
      const itemName = shape.memberName ?? 'member';
      if (shape.flattened === true) return value.map((v) => writeElement(name, shape.member, v)).join('');
      let items = '';
      for (const v of value) items += writeElement(itemName, shape.member, v);
      return `<${name}>${items}</${name}>`;
    }
    case 'map': {
      if (value === null || typeof value !== 'object') return '';
      let entries = '';
      for (const [k, v] of Object.entries(value)) {
        entries +=
          '<entry>' +
          writeElement(shape.keyName ?? 'key', shape.key, k) +
          writeElement(shape.valueName ?? 'value', shape.value, v) +
          '</entry>';
      }
      return `<${name}>${entries}</${name}>`;
    }
    case 'timestamp':
      return value instanceof Date ? `<${name}>${formatXmlTimestamp(value)}</${name}>` : '';
    case 'boolean':
      return `<${name}>${value === true ? 'true' : 'false'}</${name}>`;
    case 'integer':
    case 'long':
      return typeof value === 'number' ? `<${name}>${String(Math.trunc(value))}</${name}>` : '';
    case 'string':
      return `<${name}>${xmlEscape(String(value))}</${name}>`;
    default: {
      const never: never = shape;
      return never;
    }
  }
}
