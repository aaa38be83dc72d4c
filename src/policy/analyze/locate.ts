// Findings located in the document text, as Access Analyzer reports them: the path follows the JSON as
// written (no index into a value that is not an array: `Statement.Action` for `"Action": "s3:GetObject"`)
// and the span covers the value, or the key for `{key}` steps. Line is 1-based, column and offset 0-based
// (IAM Access Analyzer API Reference, "Position").
import type { Finding, Location, PathElement, Position, Span } from './finding.ts';

type JsonNode =
  | { readonly kind: 'object'; readonly start: number; readonly end: number; readonly members: readonly Member[] }
  | { readonly kind: 'array'; readonly start: number; readonly end: number; readonly items: readonly JsonNode[] }
  | { readonly kind: 'scalar'; readonly start: number; readonly end: number };

interface Member {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: JsonNode;
}

/** Reads JSON text into nodes with their offsets; undefined when the text is not JSON. */
function scan(text: string): JsonNode | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text.charAt(i))) i++;
  };
  const string = (): string | undefined => {
    if (text.charAt(i) !== '"') return undefined;
    const start = i;
    i++;
    while (i < text.length && text.charAt(i) !== '"') i += text.charAt(i) === '\\' ? 2 : 1;
    if (i >= text.length) return undefined;
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return undefined;
    }
  };
  const value = (): JsonNode | undefined => {
    ws();
    const start = i;
    const ch = text.charAt(i);
    if (ch === '{') {
      i++;
      const members: Member[] = [];
      ws();
      if (text.charAt(i) === '}') {
        i++;
        return { kind: 'object', start, end: i, members };
      }
      for (;;) {
        ws();
        const keyStart = i;
        const key = string();
        if (key === undefined) return undefined;
        const keyEnd = i;
        ws();
        if (text.charAt(i) !== ':') return undefined;
        i++;
        const v = value();
        if (v === undefined) return undefined;
        members.push({ key, keyStart, keyEnd, value: v });
        ws();
        if (text.charAt(i) === ',') {
          i++;
          continue;
        }
        if (text.charAt(i) !== '}') return undefined;
        i++;
        return { kind: 'object', start, end: i, members };
      }
    }
    if (ch === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text.charAt(i) === ']') {
        i++;
        return { kind: 'array', start, end: i, items };
      }
      for (;;) {
        const v = value();
        if (v === undefined) return undefined;
        items.push(v);
        ws();
        if (text.charAt(i) === ',') {
          i++;
          continue;
        }
        if (text.charAt(i) !== ']') return undefined;
        i++;
        return { kind: 'array', start, end: i, items };
      }
    }
    if (ch === '"') return string() === undefined ? undefined : { kind: 'scalar', start, end: i };
    const literal = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (literal === null) return undefined;
    i += literal[0].length;
    return { kind: 'scalar', start, end: i };
  };
  const root = value();
  ws();
  return root !== undefined && i === text.length ? root : undefined;
}

function member(node: JsonNode, key: string): Member | undefined {
  if (node.kind !== 'object') return undefined;
  return node.members.find((m) => m.key === key) ?? node.members.find((m) => m.key.toLowerCase() === key.toLowerCase());
}

/** The path as the document is written, and the span it ends on. */
function resolve(root: JsonNode, path: readonly PathElement[]): { path: PathElement[]; start: number; end: number } {
  const out: PathElement[] = [];
  let node: JsonNode | undefined = root;
  let start = root.start;
  let end = root.end;
  for (const [n, step] of path.entries()) {
    if (node === undefined) {
      out.push(...path.slice(n));
      break;
    }
    if ('index' in step) {
      if (node.kind === 'array') {
        node = node.items[step.index];
        if (node !== undefined) ({ start, end } = node);
        out.push(step);
      } else if (step.index !== 0) {
        out.push(step);
        node = undefined;
      }
      // A single value stands where an array would: no index step.
      continue;
    }
    if ('value' in step || 'key' in step) {
      const name = 'value' in step ? step.value : step.key;
      const m = member(node, name);
      out.push('value' in step ? { value: m?.key ?? name } : { key: m?.key ?? name });
      if (m === undefined) {
        node = undefined;
        continue;
      }
      node = m.value;
      ({ start, end } = 'key' in step ? { start: m.keyStart, end: m.keyEnd } : m.value);
      continue;
    }
    out.push(step);
  }
  return { path: out, start, end };
}

function positions(text: string): (offset: number) => Position {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charAt(i) === '\n') lineStarts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0), offset };
  };
}

/** Rewrites each finding's locations against the document text it came from; unchanged if the text is not JSON. */
export function locateFindings(findings: readonly Finding[], text: string): Finding[] {
  const root = scan(text);
  if (root === undefined) return [...findings];
  const at = positions(text);
  return findings.map((finding) => ({
    ...finding,
    locations: finding.locations.map((location): Location => {
      const resolved = resolve(root, location.path);
      const span: Span = { start: at(resolved.start), end: at(resolved.end) };
      return { path: resolved.path, span };
    }),
  }));
}
