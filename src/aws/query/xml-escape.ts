// Escaping text for XML 1.0 element content and attribute values. Characters XML 1.0 cannot carry
// at all (most C0 controls, lone surrogates) become U+FFFD; a carriage return is written as a
// character reference so that XML parsers (botocore's, the SDK's) do not fold it into a newline.

const NEEDS_ESCAPE = /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ESCAPES = /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function replacement(ch: string): string {
  switch (ch) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    case "'":
      return '&apos;';
    case '\r':
      return '&#13;';
    default:
      return '\uFFFD';
  }
}

/** Escapes any string for XML text or a quoted attribute. */
export function xmlEscape(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPES, replacement) : text;
}
