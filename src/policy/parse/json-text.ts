// JSON text (RFC 8259) to JsonNode, strictly: no comments, trailing commas, single quotes, leading zeros,
// NaN/Infinity, raw control characters in strings, or content after the document. IAM answers any such
// text with "Syntax errors in policy." (IAM User Guide, "Grammar of the IAM JSON policy language":
// "The policy language and JSON").
//
// The parser is iterative (an explicit stack), so nesting depth costs memory, never the call stack, and it
// runs in time linear in the text.

import type { JsonNode, JsonObject } from './json-node.ts';

type Frame =
  | { readonly kind: 'array'; readonly items: JsonNode[] }
  | { readonly kind: 'object'; readonly members: Map<string, JsonNode>; readonly duplicates: string[]; key: string };

const CH = { quote: 34, backslash: 92, comma: 44, colon: 58, lbrace: 123, rbrace: 125, lbracket: 91, rbracket: 93 };

/** Parses JSON text. Returns undefined when the text is not exactly one JSON value. */
export function parseJsonText(text: string): JsonNode | undefined {
  const stack: Frame[] = [];
  let pos = skipWhitespace(text, 0);
  for (;;) {
    // A value starts at `pos`.
    let value: JsonNode;
    const c = text.charCodeAt(pos);
    if (c === CH.lbrace) {
      pos = skipWhitespace(text, pos + 1);
      if (text.charCodeAt(pos) === CH.rbrace) {
        value = { kind: 'object', members: new Map(), duplicateKeys: [] };
        pos += 1;
      } else {
        const frame: Frame = { kind: 'object', members: new Map(), duplicates: [], key: '' };
        const next = readMemberKey(text, pos, frame);
        if (next < 0) return undefined;
        stack.push(frame);
        pos = next;
        continue;
      }
    } else if (c === CH.lbracket) {
      pos = skipWhitespace(text, pos + 1);
      if (text.charCodeAt(pos) === CH.rbracket) {
        value = { kind: 'array', items: [] };
        pos += 1;
      } else {
        stack.push({ kind: 'array', items: [] });
        continue;
      }
    } else if (c === CH.quote) {
      const read = readString(text, pos);
      if (read === undefined) return undefined;
      value = { kind: 'string', value: read.value };
      pos = read.end;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      const end = scanNumber(text, pos);
      if (end < 0) return undefined;
      value = { kind: 'number', raw: text.slice(pos, end) };
      pos = end;
    } else if (text.startsWith('true', pos)) {
      value = { kind: 'boolean', value: true };
      pos += 4;
    } else if (text.startsWith('false', pos)) {
      value = { kind: 'boolean', value: false };
      pos += 5;
    } else if (text.startsWith('null', pos)) {
      value = { kind: 'null' };
      pos += 4;
    } else {
      return undefined;
    }

    // Attach the value to its container, closing containers as their brackets arrive.
    for (;;) {
      const top = stack[stack.length - 1];
      pos = skipWhitespace(text, pos);
      if (top === undefined) return pos === text.length ? value : undefined;
      if (top.kind === 'array') top.items.push(value);
      else {
        if (top.members.has(top.key)) top.duplicates.push(top.key);
        top.members.set(top.key, value);
      }
      const d = text.charCodeAt(pos);
      if (d === CH.comma) {
        pos = skipWhitespace(text, pos + 1);
        if (top.kind === 'object') {
          pos = readMemberKey(text, pos, top);
          if (pos < 0) return undefined;
        }
        break;
      }
      if (top.kind === 'array' && d === CH.rbracket) {
        stack.pop();
        value = { kind: 'array', items: top.items };
        pos += 1;
        continue;
      }
      if (top.kind === 'object' && d === CH.rbrace) {
        stack.pop();
        const object: JsonObject = { kind: 'object', members: top.members, duplicateKeys: top.duplicates };
        value = object;
        pos += 1;
        continue;
      }
      return undefined;
    }
  }
}

/** Reads `"key" :` at pos into the frame; returns the position of the member's value, or -1. */
function readMemberKey(text: string, pos: number, frame: { key: string }): number {
  if (text.charCodeAt(pos) !== CH.quote) return -1;
  const read = readString(text, pos);
  if (read === undefined) return -1;
  const colon = skipWhitespace(text, read.end);
  if (text.charCodeAt(colon) !== CH.colon) return -1;
  frame.key = read.value;
  return skipWhitespace(text, colon + 1);
}

function skipWhitespace(text: string, pos: number): number {
  let i = pos;
  for (;;) {
    const c = text.charCodeAt(i);
    // RFC 8259 whitespace: space, horizontal tab, line feed, carriage return.
    if (c === 32 || c === 9 || c === 10 || c === 13) i += 1;
    else return i;
  }
}

/** Reads a string literal starting at the opening quote. */
function readString(text: string, start: number): { value: string; end: number } | undefined {
  let i = start + 1;
  let chunkStart = i;
  let value = '';
  for (;;) {
    if (i >= text.length) return undefined;
    const c = text.charCodeAt(i);
    if (c === CH.quote) {
      value += text.slice(chunkStart, i);
      return { value, end: i + 1 };
    }
    if (c < 0x20) return undefined;
    if (c !== CH.backslash) {
      i += 1;
      continue;
    }
    value += text.slice(chunkStart, i);
    const e = text.charCodeAt(i + 1);
    switch (e) {
      case 34: value += '"'; break;
      case 92: value += '\\'; break;
      case 47: value += '/'; break;
      case 98: value += '\b'; break;
      case 102: value += '\f'; break;
      case 110: value += '\n'; break;
      case 114: value += '\r'; break;
      case 116: value += '\t'; break;
      case 117: {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) return undefined;
        value += String.fromCharCode(Number.parseInt(hex, 16));
        i += 4;
        break;
      }
      default:
        return undefined;
    }
    i += 2;
    chunkStart = i;
  }
}

/** Scans a number (-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?); returns its end, or -1. */
function scanNumber(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 45) i += 1;
  const first = text.charCodeAt(i);
  if (first === 48) i += 1;
  else if (first >= 49 && first <= 57) i = scanDigits(text, i);
  else return -1;
  if (text.charCodeAt(i) === 46) {
    const after = scanDigits(text, i + 1);
    if (after === i + 1) return -1;
    i = after;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    i += 1;
    const sign = text.charCodeAt(i);
    if (sign === 43 || sign === 45) i += 1;
    const after = scanDigits(text, i);
    if (after === i) return -1;
    i = after;
  }
  return i;
}

function scanDigits(text: string, start: number): number {
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) i += 1;
    else return i;
  }
}
