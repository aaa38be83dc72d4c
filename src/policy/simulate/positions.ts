// Where each statement of a policy document sits in its text, as IAM's simulator reports it
// (IAM API Reference, "Statement" and "Position": the row and column of the beginning and end of a
// Statement). Lines and columns are 1-based; the start is the statement's `{`, the end the column
// just after its `}`, which is what IAM returns.

/** A row and column in a policy document's text. */
export interface Position {
  readonly Line: number;
  readonly Column: number;
}

/** Start and end of one statement. */
export interface StatementSpan {
  readonly start: Position;
  readonly end: Position;
}

/**
 * The spans of the statements of a JSON policy document, in order. Returns an empty array when the
 * text is not the JSON of an object with a `Statement` member (positions are then simply not reported).
 */
export function statementSpans(text: string): StatementSpan[] {
  const scanner = new Scanner(text);
  try {
    return scanner.documentStatements();
  } catch {
    return [];
  }
}

class Scanner {
  readonly #text: string;
  #i = 0;
  #line = 1;
  #column = 1;

  constructor(text: string) {
    this.#text = text;
  }

  documentStatements(): StatementSpan[] {
    this.#ws();
    this.#expect('{');
    let spans: StatementSpan[] = [];
    this.#ws();
    if (this.#peek() === '}') return spans;
    for (;;) {
      this.#ws();
      const key = this.#string();
      this.#ws();
      this.#expect(':');
      this.#ws();
      if (key === 'Statement') {
        if (this.#peek() === '[') {
          this.#advance();
          this.#ws();
          if (this.#peek() !== ']') {
            for (;;) {
              this.#ws();
              spans.push(this.#span());
              this.#ws();
              if (this.#peek() === ',') {
                this.#advance();
                continue;
              }
              break;
            }
          }
          this.#ws();
          this.#expect(']');
        } else {
          spans = [this.#span()];
        }
      } else {
        this.#value();
      }
      this.#ws();
      if (this.#peek() === ',') {
        this.#advance();
        continue;
      }
      this.#expect('}');
      return spans;
    }
  }

  #span(): StatementSpan {
    const start = { Line: this.#line, Column: this.#column };
    this.#value();
    return { start, end: { Line: this.#line, Column: this.#column } };
  }

  #value(): void {
    const ch = this.#peek();
    if (ch === '"') {
      this.#string();
      return;
    }
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      this.#advance();
      this.#ws();
      if (this.#peek() === close) {
        this.#advance();
        return;
      }
      for (;;) {
        this.#ws();
        if (ch === '{') {
          this.#string();
          this.#ws();
          this.#expect(':');
          this.#ws();
        }
        this.#value();
        this.#ws();
        if (this.#peek() === ',') {
          this.#advance();
          continue;
        }
        this.#expect(close);
        return;
      }
    }
    // number, true, false, null
    if (!/[-0-9tfn]/.test(ch)) throw new Error('unexpected character');
    while (this.#i < this.#text.length && /[-+0-9.eEtruefalsn]/.test(this.#peek())) this.#advance();
  }

  #string(): string {
    this.#expect('"');
    let out = '';
    for (;;) {
      if (this.#i >= this.#text.length) throw new Error('unterminated string');
      const ch = this.#peek();
      this.#advance();
      if (ch === '"') return out;
      if (ch === '\\') {
        out += this.#peek();
        this.#advance();
      } else {
        out += ch;
      }
    }
  }

  #ws(): void {
    while (this.#i < this.#text.length && /\s/.test(this.#peek())) this.#advance();
  }

  #peek(): string {
    return this.#text[this.#i] ?? '';
  }

  #advance(): void {
    if (this.#text[this.#i] === '\n') {
      this.#line++;
      this.#column = 1;
    } else {
      this.#column++;
    }
    this.#i++;
  }

  #expect(ch: string): void {
    if (this.#peek() !== ch) throw new Error(`expected ${ch}`);
    this.#advance();
  }
}
