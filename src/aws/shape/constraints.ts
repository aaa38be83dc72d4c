// Checking decoded values against their shapes' constraints, reported as AWS's request validation
// reports them: a member path in lowerCamel case (`tags.1.member.key`) and one sentence per failed
// constraint ("Member must have length less than or equal to 64", "Member must not be null").

import type { ConstraintViolation } from '../errors/index.ts';
import type { Shape, StringShape, StructureShape } from './shape.ts';

const compiled = new Map<string, RegExp>();

// AWS patterns are Java regular expressions matched against the whole value. Code points beyond
// U+FFFF are written \u10000; JavaScript needs \u{10000} and the u flag for those.
function patternRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re === undefined) {
    const source = pattern.replace(/\\u([0-9A-Fa-f]{5,6})/g, '\\u{$1}');
    re = new RegExp(`^(?:${source})$`, 'u');
    compiled.set(pattern, re);
  }
  return re;
}

/** AWS's path segment for a structure member: the wire name with its first letter lower-cased. */
export function memberPath(parent: string, member: string): string {
  const name = member.charAt(0).toLowerCase() + member.slice(1);
  return parent === '' ? name : `${parent}.${name}`;
}

/** AWS's path for the n-th (from 1) element of a list. */
export function elementPath(parent: string, index: number): string {
  return `${parent}.${index}.member`;
}

/** Renders a value as AWS quotes it in a violation (Java `toString`). */
export function renderValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Collects the violations of a value (already decoded to the shape's type) into `out`. */
export function checkConstraints(shape: Shape, value: unknown, path: string, out: ConstraintViolation[]): void {
  switch (shape.type) {
    case 'string':
      if (typeof value === 'string') checkString(shape, value, path, out);
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number') return;
      if (shape.min !== undefined && value < shape.min) {
        out.push({ path, value: String(value), constraint: `Member must have value greater than or equal to ${shape.min}` });
      }
      if (shape.max !== undefined && value > shape.max) {
        out.push({ path, value: String(value), constraint: `Member must have value less than or equal to ${shape.max}` });
      }
      return;
    case 'boolean':
    case 'timestamp':
      return;
    case 'list': {
      if (!Array.isArray(value)) return;
      checkLength(shape.min, shape.max, value.length, renderValue(value), path, out);
      value.forEach((element, i) => checkConstraints(shape.member, element, elementPath(path, i + 1), out));
      return;
    }
    case 'map': {
      if (value === null || typeof value !== 'object') return;
      const entries = Object.entries(value);
      checkLength(shape.min, shape.max, entries.length, renderValue(value), path, out);
      for (const [k, v] of entries) {
        checkString(shape.key, k, `${path}.${k}.key`, out);
        checkConstraints(shape.value, v, `${path}.${k}.value`, out);
      }
      return;
    }
    case 'structure':
      checkStructure(shape, value, path, out);
      return;
    default: {
      const never: never = shape;
      return never;
    }
  }
}

function checkStructure(shape: StructureShape, value: unknown, path: string, out: ConstraintViolation[]): void {
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  for (const [name, member] of Object.entries(shape.members)) {
    const v = record[name];
    const p = memberPath(path, name);
    if (v === undefined) {
      if (shape.required?.includes(name) === true) out.push({ path: p, value: null, constraint: 'Member must not be null' });
      continue;
    }
    checkConstraints(member, v, p, out);
  }
}

/** Code points in `s` (a surrogate pair counts once), without building an array of them. */
function codePointLength(s: string): number {
  let pairs = 0;
  for (let i = 0; i < s.length - 1; i += 1) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs += 1;
        i += 1;
      }
    }
  }
  return s.length - pairs;
}

function checkString(shape: StringShape, value: string, path: string, out: ConstraintViolation[]): void {
  // Lengths count code points, as Java's String.codePointCount does for AWS.
  const length = shape.min === undefined && shape.max === undefined ? 0 : codePointLength(value);
  checkLength(shape.min, shape.max, length, value, path, out);
  if (shape.pattern !== undefined && !patternRegExp(shape.pattern).test(value)) {
    out.push({ path, value, constraint: `Member must satisfy regular expression pattern: ${shape.pattern}` });
  }
  if (shape.enum !== undefined && !shape.enum.includes(value)) {
    out.push({ path, value, constraint: `Member must satisfy enum value set: [${shape.enum.join(', ')}]` });
  }
}

function checkLength(
  min: number | undefined,
  max: number | undefined,
  length: number,
  rendered: string,
  path: string,
  out: ConstraintViolation[],
): void {
  if (min !== undefined && length < min) {
    out.push({ path, value: rendered, constraint: `Member must have length greater than or equal to ${min}` });
  }
  if (max !== undefined && length > max) {
    out.push({ path, value: rendered, constraint: `Member must have length less than or equal to ${max}` });
  }
}
