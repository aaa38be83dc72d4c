// A small, strict XML reader for S3's request documents (Tagging, Delete, CompleteMultipartUpload,
// CreateBucketConfiguration, PublicAccessBlockConfiguration): elements, attributes (skipped), text
// with the five predefined entities and character references, CDATA, comments and processing
// instructions. Document type declarations are refused, so no entity can expand (no XXE); anything
// it cannot read is undefined, which the caller answers with S3's MalformedXML.

/** An element: its local name (namespace prefix dropped), child elements and own text. */
export interface XmlElement {
  readonly name: string;
  readonly children: readonly XmlElement[];
  readonly text: string;
}

const MAX_DEPTH = 32;
const NAME = /[A-Za-z_:][\w.:-]*/y;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class Malformed extends Error {}

function decodeText(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (all, ref: string | undefined) => {
    if (ref === undefined) throw new Malformed('bare &');
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isInteger(cp) || cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new Malformed(all);
      return String.fromCodePoint(cp);
    }
    const e = ENTITIES[ref];
    if (e === undefined) throw new Malformed(all);
    return e;
  });
}

class Reader {
  readonly #s: string;
  #i = 0;
  constructor(s: string) {
    this.#s = s;
  }

  document(): XmlElement {
    if (this.#s.charCodeAt(0) === 0xfeff) this.#i = 1;
    this.#misc();
    const root = this.#element(0);
    this.#misc();
    if (this.#i !== this.#s.length) throw new Malformed('content after the root element');
    return root;
  }

  // Whitespace, comments and processing instructions (the XML declaration among them).
  #misc(): void {
    for (;;) {
      while (this.#i < this.#s.length && /\s/.test(this.#s.charAt(this.#i))) this.#i++;
      if (this.#s.startsWith('<?', this.#i)) this.#skipPast('?>');
      else if (this.#s.startsWith('<!--', this.#i)) this.#skipPast('-->');
      else if (this.#s.startsWith('<!', this.#i)) throw new Malformed('declarations are not accepted');
      else return;
    }
  }

  #skipPast(end: string): void {
    const at = this.#s.indexOf(end, this.#i);
    if (at < 0) throw new Malformed(`unterminated ${end}`);
    this.#i = at + end.length;
  }

  #name(): string {
    NAME.lastIndex = this.#i;
    const m = NAME.exec(this.#s);
    if (m === null) throw new Malformed('name expected');
    this.#i = NAME.lastIndex;
    return m[0];
  }

  #element(depth: number): XmlElement {
    if (depth > MAX_DEPTH) throw new Malformed('too deep');
    if (this.#s.charAt(this.#i) !== '<') throw new Malformed('element expected');
    this.#i++;
    const qname = this.#name();
    // Attributes: name="value" or name='value', skipped.
    for (;;) {
      while (/\s/.test(this.#s.charAt(this.#i))) this.#i++;
      const c = this.#s.charAt(this.#i);
      if (c === '/' || c === '>' || c === '') break;
      this.#name();
      while (/\s/.test(this.#s.charAt(this.#i))) this.#i++;
      if (this.#s.charAt(this.#i) !== '=') throw new Malformed('= expected');
      this.#i++;
      while (/\s/.test(this.#s.charAt(this.#i))) this.#i++;
      const quote = this.#s.charAt(this.#i);
      if (quote !== '"' && quote !== "'") throw new Malformed('quote expected');
      const end = this.#s.indexOf(quote, this.#i + 1);
      if (end < 0) throw new Malformed('unterminated attribute');
      decodeText(this.#s.slice(this.#i + 1, end));
      this.#i = end + 1;
    }
    const name = qname.includes(':') ? qname.slice(qname.indexOf(':') + 1) : qname;
    if (this.#s.startsWith('/>', this.#i)) {
      this.#i += 2;
      return { name, children: [], text: '' };
    }
    if (this.#s.charAt(this.#i) !== '>') throw new Malformed('> expected');
    this.#i++;
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      const lt = this.#s.indexOf('<', this.#i);
      if (lt < 0) throw new Malformed('unterminated element');
      text += decodeText(this.#s.slice(this.#i, lt));
      this.#i = lt;
      if (this.#s.startsWith('</', this.#i)) {
        this.#i += 2;
        if (this.#name() !== qname) throw new Malformed('mismatched end tag');
        while (/\s/.test(this.#s.charAt(this.#i))) this.#i++;
        if (this.#s.charAt(this.#i) !== '>') throw new Malformed('> expected');
        this.#i++;
        return { name, children, text };
      }
      if (this.#s.startsWith('<!--', this.#i)) this.#skipPast('-->');
      else if (this.#s.startsWith('<![CDATA[', this.#i)) {
        const end = this.#s.indexOf(']]>', this.#i);
        if (end < 0) throw new Malformed('unterminated CDATA');
        text += this.#s.slice(this.#i + 9, end);
        this.#i = end + 3;
      } else if (this.#s.startsWith('<?', this.#i)) this.#skipPast('?>');
      else if (this.#s.startsWith('<!', this.#i)) throw new Malformed('declarations are not accepted');
      else children.push(this.#element(depth + 1));
    }
  }
}

/** Reads an XML document; undefined when it is not well-formed (or declares a DTD). */
export function readXml(text: string): XmlElement | undefined {
  try {
    return new Reader(text).document();
  } catch (err) {
    if (err instanceof Malformed) return undefined;
    throw err;
  }
}

/** The first child element of that name. */
export function childOf(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

/** Every child element of that name. */
export function childrenOf(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}
