// The JSON reader accepts exactly what JSON (RFC 8259) accepts — the same texts JSON.parse accepts — and
// reads them to the same values, keeping numbers as written. IAM User Guide, "Grammar of the IAM JSON
// policy language" (The policy language and JSON).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonNode } from './json-node.ts';
import { parseJsonText } from './json-text.ts';

/** The node as the plain value JSON.parse would give (numbers through Number). */
function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'string':
    case 'boolean':
      return node.value;
    case 'number':
      return Number(node.raw);
    case 'null':
      return null;
    case 'array':
      return node.items.map(toPlain);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, value] of node.members) Object.defineProperty(out, key, { value: toPlain(value), enumerable: true });
      return out;
    }
    case 'unreadable':
      return undefined;
    default: {
      const unknown: never = node;
      return unknown;
    }
  }
}

function jsonParseAccepts(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('JSON text (RFC 8259) as IAM reads policy documents', () => {
  it('reads any JSON text to the value JSON.parse gives', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 5 }), (text) => {
        const node = parseJsonText(text);
        expect(node).toBeDefined();
        if (node !== undefined) expect(toPlain(node)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('accepts and refuses exactly the texts JSON.parse does, for edited JSON', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 3 }), fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 3 }), (text, at, cut, insert) => {
        const i = at % (text.length + 1);
        const edited = text.slice(0, i) + insert + text.slice(i + cut);
        expect(parseJsonText(edited) !== undefined).toBe(jsonParseAccepts(edited));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps numbers as written', () => {
    const node = parseJsonText('[10.50, 12345678901234567890, -0, 1E+3]');
    expect(node?.kind === 'array' && node.items.map((n) => (n.kind === 'number' ? n.raw : ''))).toEqual([
      '10.50',
      '12345678901234567890',
      '-0',
      '1E+3',
    ]);
  });

  it('records keys written twice and keeps the last value', () => {
    const node = parseJsonText('{"a":1,"b":2,"a":3}');
    expect(node?.kind === 'object' && node.duplicateKeys).toEqual(['a']);
    expect(node?.kind === 'object' && node.members.get('a')).toEqual({ kind: 'number', raw: '3' });
  });

  it('keeps __proto__ as an ordinary key', () => {
    const node = parseJsonText('{"__proto__":{"x":1}}');
    expect(node?.kind === 'object' && [...node.members.keys()]).toEqual(['__proto__']);
  });

  it('refuses a byte order mark and trailing content', () => {
    expect(parseJsonText('\ufeff{}')).toBeUndefined();
    expect(parseJsonText('{} {}')).toBeUndefined();
    expect(parseJsonText('{}  ')).toEqual({ kind: 'object', members: new Map(), duplicateKeys: [] });
  });
});
