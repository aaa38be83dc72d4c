// Decoding a JSON-protocol input by its shape: structures are objects keyed by member name, lists
// arrays, maps objects, timestamps epoch seconds (botocore's JSONSerializer). A value of the wrong
// JSON type is a SerializationException; constraint violations are reported together with the
// service's validation code.

import { awsError, validationError, type AwsError, type AwsErrorCode, type ConstraintViolation } from '../errors/index.ts';
import { checkConstraints, elementPath, memberPath, type Shape, type ShapeValue, type StructureShape } from '../shape/index.ts';

class WrongType {
  readonly path: string;
  constructor(path: string) {
    this.path = path;
  }
}

/** Decodes and validates a JSON input. */
export function decodeJsonInput<S extends StructureShape>(
  input: unknown,
  shape: S,
  validationCode: AwsErrorCode = 'ValidationException',
): { ok: true; value: ShapeValue<S> } | { ok: false; error: AwsError } {
  const value = read(shape, input, '');
  if (value instanceof WrongType) {
    return { ok: false, error: awsError('SerializationException', `Unexpected value type at '${value.path === '' ? 'input' : value.path}'`) };
  }
  const violations: ConstraintViolation[] = [];
  checkConstraints(shape, value ?? {}, '', violations);
  if (violations.length > 0) return { ok: false, error: validationError(violations, validationCode) };
  return { ok: true, value: (value ?? {}) as ShapeValue<S> };
}

function read(shape: Shape, v: unknown, path: string): unknown {
  if (v === null || v === undefined) return undefined;
  switch (shape.type) {
    case 'structure': {
      if (typeof v !== 'object' || Array.isArray(v)) return new WrongType(path);
      const out: Record<string, unknown> = {};
      const record = v as Record<string, unknown>;
      for (const [name, member] of Object.entries(shape.members)) {
        const r = read(member, record[name], memberPath(path, name));
        if (r instanceof WrongType) return r;
        if (r !== undefined) out[name] = r;
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(v)) return new WrongType(path);
      const out: unknown[] = [];
      for (let i = 0; i < v.length; i++) {
        const r = read(shape.member, v[i], elementPath(path, i + 1));
        if (r instanceof WrongType) return r;
        out.push(r);
      }
      return out;
    }
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) return new WrongType(path);
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const [k, item] of Object.entries(v)) {
        const r = read(shape.value, item, `${path}.${k}`);
        if (r instanceof WrongType) return r;
        out[k] = r;
      }
      return out;
    }
    case 'string':
      return typeof v === 'string' ? v : new WrongType(path);
    case 'integer':
    case 'long':
      return typeof v === 'number' && Number.isInteger(v) ? v : new WrongType(path);
    case 'boolean':
      return typeof v === 'boolean' ? v : new WrongType(path);
    case 'timestamp':
      if (typeof v === 'number') return new Date(v * 1000);
      if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(Date.parse(v));
      return new WrongType(path);
    default: {
      const never: never = shape;
      return never;
    }
  }
}
