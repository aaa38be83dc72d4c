// Decoding Query parameters into a typed input by its shape, as botocore's QuerySerializer writes
// them: structure members `Prefix.Member`, lists `Prefix.member.N` (flattened: `Prefix.N`; an empty
// list is `Prefix=`), maps `Prefix.entry.N.key` / `Prefix.entry.N.value`. Then the shape's
// constraints are checked, and every violation is reported together as AWS does
// ("N validation errors detected: ...").

import { awsError, validationError, type AwsError, type AwsErrorCode, type ConstraintViolation } from '../errors/index.ts';
import { checkConstraints, elementPath, memberPath, type ListShape, type MapShape, type Shape, type ShapeValue, type StructureShape } from '../shape/index.ts';
import type { QueryParams } from './parse-request.ts';

/** Decodes and validates the input of an operation. */
export function decodeQueryInput<S extends StructureShape>(
  params: QueryParams,
  shape: S,
  validationCode: AwsErrorCode = 'ValidationError',
): { ok: true; value: ShapeValue<S> } | { ok: false; error: AwsError } {
  const index = new ParamIndex(params);
  const malformed: ConstraintViolation[] = [];
  const value = readStructure(index, shape, '', '', malformed);
  if (malformed.length > 0) return { ok: false, error: validationError(malformed, validationCode) };
  const violations: ConstraintViolation[] = [];
  checkConstraints(shape, value, '', violations);
  if (violations.length > 0) return { ok: false, error: validationError(violations, validationCode) };
  return { ok: true, value: value as ShapeValue<S> };
}

// Lookups by exact key, and "is anything under this prefix" without scanning every parameter.
class ParamIndex {
  readonly params: QueryParams;
  private readonly prefixes = new Set<string>();

  constructor(params: QueryParams) {
    this.params = params;
    for (const key of params.keys()) {
      let dot = key.indexOf('.');
      while (dot >= 0) {
        this.prefixes.add(key.slice(0, dot));
        dot = key.indexOf('.', dot + 1);
      }
    }
  }

  get(key: string): string | undefined {
    return this.params.get(key);
  }

  hasUnder(prefix: string): boolean {
    return this.prefixes.has(prefix);
  }

  has(key: string): boolean {
    return this.params.has(key) || this.prefixes.has(key);
  }
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

function read(index: ParamIndex, shape: Shape, key: string, path: string, bad: ConstraintViolation[]): unknown {
  switch (shape.type) {
    case 'structure':
      return index.hasUnder(key) ? readStructure(index, shape, key, path, bad) : undefined;
    case 'list':
      return readList(index, shape, key, path, bad);
    case 'map':
      return readMap(index, shape, key, path, bad);
    case 'string':
      return index.get(key);
    case 'integer':
    case 'long': {
      const text = index.get(key);
      if (text === undefined) return undefined;
      if (/^-?\d+$/.test(text.trim())) return Number(text.trim());
      bad.push({ path, value: text, constraint: 'Member must be a number' });
      return undefined;
    }
    case 'boolean': {
      const text = index.get(key);
      if (text === undefined) return undefined;
      const lower = text.trim().toLowerCase();
      if (lower === 'true' || lower === 'false') return lower === 'true';
      bad.push({ path, value: text, constraint: 'Member must be a boolean' });
      return undefined;
    }
    case 'timestamp': {
      const text = index.get(key);
      if (text === undefined) return undefined;
      const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text);
      if (!Number.isNaN(ms)) return new Date(ms);
      bad.push({ path, value: text, constraint: 'Member must be a timestamp' });
      return undefined;
    }
    default: {
      const never: never = shape;
      return never;
    }
  }
}

function readStructure(
  index: ParamIndex,
  shape: StructureShape,
  prefix: string,
  path: string,
  bad: ConstraintViolation[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const v = read(index, member, join(prefix, name), memberPath(path, name), bad);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

function readList(index: ParamIndex, shape: ListShape, key: string, path: string, bad: ConstraintViolation[]): unknown[] | undefined {
  const base = shape.flattened === true ? key : `${key}.${shape.memberName ?? 'member'}`;
  if (!index.hasUnder(base) && !index.hasUnder(key)) return index.get(key) === '' ? [] : undefined;
  const out: unknown[] = [];
  for (let n = 1; index.has(`${base}.${n}`); n++) {
    out.push(read(index, shape.member, `${base}.${n}`, elementPath(path, n), bad));
  }
  return out;
}

function readMap(
  index: ParamIndex,
  shape: MapShape,
  key: string,
  path: string,
  bad: ConstraintViolation[],
): Record<string, unknown> | undefined {
  const base = `${key}.entry`;
  if (!index.hasUnder(base)) return index.get(key) === '' ? {} : undefined;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const keyName = shape.keyName ?? 'key';
  const valueName = shape.valueName ?? 'value';
  for (let n = 1; index.has(`${base}.${n}`); n++) {
    const k = index.get(`${base}.${n}.${keyName}`);
    if (k === undefined) {
      bad.push({ path: `${path}.${n}.key`, value: null, constraint: 'Member must not be null' });
      continue;
    }
    out[k] = read(index, shape.value, `${base}.${n}.${valueName}`, `${path}.${k}.value`, bad);
  }
  return out;
}

/** A parameter that the operation needs but the request lacks (Query: MissingParameter). */
export function missingParameter(name: string): AwsError {
  return awsError('MissingParameter', `The request must contain the parameter ${name}`);
}
