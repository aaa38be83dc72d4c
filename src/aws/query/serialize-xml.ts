// Writing values as the Query protocol's XML, driven by their shapes (botocore's QueryParser reads
// exactly this): structure members as elements in shape order, lists as `<member>` elements (or
// the repeated element when flattened), maps as `<entry><key/><value/></entry>`, timestamps in
// ISO 8601, booleans as true/false. Absent members are left out; an empty list is an empty element.

import type { Shape, StructureShape } from '../shape/index.ts';
import { xmlEscape } from './xml-escape.ts';

/** How XML timestamps are written: IAM/STS to the second, S3 with milliseconds. */
export type XmlTimestampStyle = 'seconds' | 'millis';

/** ISO 8601 in UTC: `2024-05-01T12:00:00Z` (IAM, STS) or `2024-05-01T12:00:00.000Z` (S3). */
export function formatXmlTimestamp(date: Date, style: XmlTimestampStyle = 'seconds'): string {
  const iso = date.toISOString();
  return style === 'millis' ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
}

/** The XML of a structure's members (without an element of its own). */
export function writeMembers(shape: StructureShape, value: unknown, style: XmlTimestampStyle = 'seconds'): string {
  if (value === null || typeof value !== 'object') return '';
  const record = value as Record<string, unknown>;
  let out = '';
  for (const [name, member] of Object.entries(shape.members)) {
    const v = record[name];
    if (v === undefined || v === null) continue;
    out += writeElement(name, member, v, style);
  }
  return out;
}

/** One element named `name` holding `value` of `shape`. */
export function writeElement(name: string, shape: Shape, value: unknown, style: XmlTimestampStyle = 'seconds'): string {
  switch (shape.type) {
    case 'structure':
      return `<${name}>${writeMembers(shape, value, style)}</${name}>`;
    case 'list': {
      if (!Array.isArray(value)) return '';
      const itemName = shape.memberName ?? 'member';
      if (shape.flattened === true) return value.map((v) => writeElement(name, shape.member, v, style)).join('');
      let items = '';
      for (const v of value) items += writeElement(itemName, shape.member, v, style);
      return `<${name}>${items}</${name}>`;
    }
    case 'map': {
      if (value === null || typeof value !== 'object') return '';
      let entries = '';
      for (const [k, v] of Object.entries(value)) {
        entries +=
          '<entry>' +
          writeElement(shape.keyName ?? 'key', shape.key, k, style) +
          writeElement(shape.valueName ?? 'value', shape.value, v, style) +
          '</entry>';
      }
      return `<${name}>${entries}</${name}>`;
    }
    case 'timestamp':
      return value instanceof Date ? `<${name}>${formatXmlTimestamp(value, style)}</${name}>` : '';
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
