// Policy variables in a policy value: `${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, `${*}`.
// IAM User Guide, "IAM policy elements: Variables and tags":
// - Variables are substituted only when the policy's Version is 2012-10-17; "If you don't include the
//   Version element ..., variables like ${aws:username} are treated as literal strings in the policy."
// - "Inside the ${ } characters, you can include the name of the value from the request"; key names are
//   case-insensitive. Only single-valued keys can be variables ("Single-valued vs. multivalued context
//   keys": "you cannot use a multivalued context key as a policy variable").
// - A key that is not present makes the value match nothing ("not present ... any attempt to match it
//   fails"), unless a default is given: "surround the default value with single quotes (' '), and
//   separate the variable text and the default value with a comma and space (, )".
// - `${*}`, `${?}` and `${$}` are the literal characters `*`, `?` and `$`.
// Malformed variables (no closing brace, empty name, a space in the name, an unquoted default; IAM Access
// Analyzer reports each as an error) make the value match nothing: podiam fails closed on them.
import type { PolicyVersion } from '../ast.ts';
import type { RequestContext } from '../context.ts';
import { pushLiteral, pushPattern, type GlobToken } from './glob.ts';

/** A policy value with its variables located, ready to render per request. */
export interface Template {
  /** No variables: render() always returns the same text. */
  readonly literal: boolean;
  /** Lower-case context keys the template references. */
  readonly keys: readonly string[];
  /** The value for this request; undefined when a referenced key is absent with no default, or multivalued. */
  render(ctx: RequestContext): string | undefined;
  /**
   * The value as a wildcard pattern for this request: `*`/`?` written in the policy are wildcards, those
   * from `${*}`/`${?}` or from substituted values are literal characters. Undefined as for render().
   */
  renderPattern(ctx: RequestContext): readonly GlobToken[] | undefined;
}

/** One piece of a parsed value. */
type Piece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'char'; readonly text: string }
  | { readonly kind: 'variable'; readonly key: string; readonly fallback: string | undefined };

/** The literal character a special variable (`${*}`, `${?}`, `${$}`) stands for. */
function specialCharacter(name: string): string | undefined {
  return name === '*' || name === '?' || name === '$' ? name : undefined;
}

/** Reads the value into pieces; undefined when a variable in it is malformed. */
function parsePieces(text: string): Piece[] | undefined {
  const pieces: Piece[] = [];
  let start = 0;
  for (let open = text.indexOf('${'); open >= 0; open = text.indexOf('${', start)) {
    if (open > start) pieces.push({ kind: 'text', text: text.slice(start, open) });
    const close = parseVariable(text, open + 2, pieces);
    if (close < 0) return undefined;
    start = close + 1;
  }
  if (start < text.length) pieces.push({ kind: 'text', text: text.slice(start) });
  return pieces;
}

/** Reads one variable body starting at `from`; returns the index of its `}`, or -1 when malformed. */
function parseVariable(text: string, from: number, out: Piece[]): number {
  let i = from;
  while (i < text.length && text[i] !== '}' && text[i] !== ',') i++;
  const name = text.slice(from, i);
  const special = specialCharacter(name);
  if (name === '' || (special === undefined && /[\s{$'*?]/.test(name))) return -1;
  let fallback: string | undefined;
  if (text[i] === ',') {
    i++;
    while (text[i] === ' ') i++;
    if (text[i] !== "'") return -1;
    const quote = text.indexOf("'", i + 1);
    if (quote < 0) return -1;
    fallback = text.slice(i + 1, quote);
    i = quote + 1;
    while (text[i] === ' ') i++;
  }
  if (text[i] !== '}') return -1;
  if (special !== undefined && fallback === undefined) out.push({ kind: 'char', text: special });
  else if (special !== undefined) return -1;
  else out.push({ kind: 'variable', key: name.toLowerCase(), fallback });
  return i;
}

/** The value of one variable for this request, or undefined. */
function variableValue(piece: { readonly key: string; readonly fallback: string | undefined }, ctx: RequestContext): string | undefined {
  const value = ctx.getLower(piece.key);
  // Only single-valued keys substitute; a multivalued or absent key falls back to the default, if any.
  return typeof value === 'string' ? value : piece.fallback;
}

class LiteralTemplate implements Template {
  readonly literal = true;
  readonly keys: readonly string[] = [];
  readonly #text: string;
  readonly #pattern: readonly GlobToken[];

  constructor(text: string, pattern: readonly GlobToken[]) {
    this.#text = text;
    this.#pattern = pattern;
  }

  render(): string {
    return this.#text;
  }

  renderPattern(): readonly GlobToken[] {
    return this.#pattern;
  }
}

/** A variable, or the wildcard tokens of the constant text between variables (read once). */
type PatternPiece = { readonly key: string; readonly fallback: string | undefined } | readonly GlobToken[];

class VariableTemplate implements Template {
  readonly literal = false;
  readonly keys: readonly string[];
  readonly #pieces: readonly Piece[];
  readonly #pattern: readonly PatternPiece[];

  constructor(pieces: readonly Piece[]) {
    this.#pieces = pieces;
    const keys = new Set<string>();
    const pattern: PatternPiece[] = [];
    let constant: GlobToken[] | undefined;
    for (const piece of pieces) {
      if (piece.kind === 'variable') {
        keys.add(piece.key);
        pattern.push(piece);
        constant = undefined;
        continue;
      }
      if (constant === undefined) {
        constant = [];
        pattern.push(constant);
      }
      if (piece.kind === 'text') pushPattern(constant, piece.text);
      else pushLiteral(constant, piece.text);
    }
    this.keys = [...keys];
    this.#pattern = pattern;
  }

  // The last request's variable values and renderings: the same principal's requests, and the
  // statements evaluated for one request, mostly render the same text again.
  #lastValues: (string | undefined)[] = [];
  #lastText: string | undefined;
  #lastPattern: readonly GlobToken[] | undefined;

  /** Reads the variables' values; true when they are those of the last rendering. */
  #readValues(ctx: RequestContext, values: (string | undefined)[]): boolean {
    let same = this.#lastValues.length > 0;
    let i = 0;
    for (const piece of this.#pieces) {
      if (piece.kind !== 'variable') continue;
      const value = variableValue(piece, ctx);
      if (value !== this.#lastValues[i]) same = false;
      values.push(value);
      i++;
    }
    return same;
  }

  render(ctx: RequestContext): string | undefined {
    const values: (string | undefined)[] = [];
    if (this.#readValues(ctx, values) && this.#lastText !== undefined) return this.#lastText;
    let out = '';
    let i = 0;
    for (const piece of this.#pieces) {
      const value = piece.kind === 'variable' ? values[i++] : piece.text;
      if (value === undefined) return undefined;
      out += value;
    }
    this.#lastValues = values;
    this.#lastText = out;
    this.#lastPattern = undefined;
    return out;
  }

  renderPattern(ctx: RequestContext): readonly GlobToken[] | undefined {
    const values: (string | undefined)[] = [];
    if (this.#readValues(ctx, values) && this.#lastPattern !== undefined) return this.#lastPattern;
    // Literal tokens are not merged here: matching takes adjacent literal tokens in turn.
    const out: GlobToken[] = [];
    let i = 0;
    for (const piece of this.#pattern) {
      if (isTokens(piece)) {
        for (const token of piece) out.push(token);
        continue;
      }
      const value = values[i++];
      if (value === undefined) return undefined;
      if (value !== '') out.push(value);
    }
    this.#lastValues = values;
    this.#lastPattern = out;
    this.#lastText = undefined;
    return out;
  }
}

function isTokens(piece: PatternPiece): piece is readonly GlobToken[] {
  return Array.isArray(piece);
}

/** A value with a malformed variable: it matches nothing. */
class MalformedTemplate implements Template {
  readonly literal = false;
  readonly keys: readonly string[] = [];

  render(): undefined {
    return undefined;
  }

  renderPattern(): undefined {
    return undefined;
  }
}

const MALFORMED = new MalformedTemplate();

/** Locates the policy variables in a value; under any Version but 2012-10-17 the value is literal text. */
export function compileTemplate(text: string, version: PolicyVersion | undefined): Template {
  if (version !== '2012-10-17' || !text.includes('${')) {
    const pattern: GlobToken[] = [];
    pushPattern(pattern, text);
    return new LiteralTemplate(text, pattern);
  }
  const pieces = parsePieces(text);
  if (pieces === undefined) return MALFORMED;
  if (pieces.some((piece) => piece.kind === 'variable')) return new VariableTemplate(pieces);
  // Only special characters: the value is constant, with literal `*`/`?`/`$` where they were written.
  let rendered = '';
  const pattern: GlobToken[] = [];
  for (const piece of pieces) {
    if (piece.kind === 'variable') continue;
    rendered += piece.text;
    if (piece.kind === 'text') pushPattern(pattern, piece.text);
    else pushLiteral(pattern, piece.text);
  }
  return new LiteralTemplate(rendered, pattern);
}
