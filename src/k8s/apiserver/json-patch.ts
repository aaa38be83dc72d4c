// RFC 6902 JSON Patch and RFC 7386 JSON Merge Patch over plain JSON values, for the API
// server's PATCH and for applying an admission webhook's patch to the object it admits.

/** One RFC 6902 operation. */
export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

/** Thrown when a patch cannot be applied (RFC 6902 section 5: the whole patch fails). */
export class JsonPatchError extends Error {
  override readonly name = 'JsonPatchError';
}

/** Applies an RFC 6902 patch to a copy of `document` and returns the result. */
export function applyJsonPatch(document: unknown, operations: readonly unknown[]): unknown {
  let doc = structuredClone(document);
  for (const raw of operations) {
    const op = checkOperation(raw);
    switch (op.op) {
      case 'add':
        doc = addAt(doc, parsePointer(op.path), structuredClone(op.value));
        break;
      case 'remove':
        doc = removeAt(doc, parsePointer(op.path)).doc;
        break;
      case 'replace': {
        const tokens = parsePointer(op.path);
        getAt(doc, tokens);
        doc = addAt(removeAt(doc, tokens).doc, tokens, structuredClone(op.value));
        break;
      }
      case 'move': {
        const from = parsePointer(op.from);
        const removed = removeAt(doc, from);
        doc = addAt(removed.doc, parsePointer(op.path), removed.value);
        break;
      }
      case 'copy':
        doc = addAt(doc, parsePointer(op.path), structuredClone(getAt(doc, parsePointer(op.from))));
        break;
      case 'test':
        if (!jsonEqual(getAt(doc, parsePointer(op.path)), op.value)) throw new JsonPatchError(`test failed at ${op.path}`);
        break;
      default: {
        const never: never = op;
        return never;
      }
    }
  }
  return doc;
}

/** Applies an RFC 7386 merge patch (null deletes, objects merge, anything else replaces). */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkOperation(raw: unknown): JsonPatchOperation {
  if (!isObject(raw) || typeof raw['op'] !== 'string' || typeof raw['path'] !== 'string') {
    throw new JsonPatchError('each operation needs a string "op" and "path"');
  }
  const { op, path } = raw;
  switch (op) {
    case 'add':
    case 'replace':
    case 'test':
      if (!Object.hasOwn(raw, 'value')) throw new JsonPatchError(`"${op}" needs a value`);
      return { op, path, value: raw['value'] };
    case 'remove':
      return { op, path };
    case 'move':
    case 'copy':
      if (typeof raw['from'] !== 'string') throw new JsonPatchError(`"${op}" needs a string "from"`);
      return { op, path, from: raw['from'] };
    default:
      throw new JsonPatchError(`unknown op ${JSON.stringify(op)}`);
  }
}

/** Splits an RFC 6901 JSON Pointer into unescaped tokens. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new JsonPatchError(`invalid JSON pointer ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function arrayIndex(token: string, length: number, forAdd: boolean): number {
  if (forAdd && token === '-') return length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new JsonPatchError(`invalid array index ${JSON.stringify(token)}`);
  const index = Number(token);
  if (index > length || (!forAdd && index === length)) throw new JsonPatchError(`array index ${index} out of bounds`);
  return index;
}

function getAt(doc: unknown, tokens: readonly string[]): unknown {
  let node = doc;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[arrayIndex(token, node.length, false)];
    else if (isObject(node) && Object.hasOwn(node, token)) node = node[token];
    else throw new JsonPatchError(`path /${tokens.join('/')} does not exist`);
  }
  return node;
}

function addAt(doc: unknown, tokens: readonly string[], value: unknown): unknown {
  if (tokens.length === 0) return value;
  const parent = getAt(doc, tokens.slice(0, -1));
  const last = tokens[tokens.length - 1] ?? '';
  if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length, true), 0, value);
  else if (isObject(parent)) parent[last] = value;
  else throw new JsonPatchError(`cannot add at /${tokens.join('/')}: parent is not a container`);
  return doc;
}

function removeAt(doc: unknown, tokens: readonly string[]): { doc: unknown; value: unknown } {
  if (tokens.length === 0) return { doc: undefined, value: doc };
  const parent = getAt(doc, tokens.slice(0, -1));
  const last = tokens[tokens.length - 1] ?? '';
  if (Array.isArray(parent)) {
    const [value] = parent.splice(arrayIndex(last, parent.length, false), 1);
    return { doc, value };
  }
  if (isObject(parent) && Object.hasOwn(parent, last)) {
    const value = parent[last];
    delete parent[last];
    return { doc, value };
  }
  throw new JsonPatchError(`path /${tokens.join('/')} does not exist`);
}
