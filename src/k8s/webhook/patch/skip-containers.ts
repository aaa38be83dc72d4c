// The `<prefix>/skip-containers` pod annotation: upstream reads it with Go's encoding/csv
// (first record, default options), and a value that reader refuses skips no container at all.

/** The container names listed in the annotation value, or undefined when Go's csv reader would fail. */
export function parseSkipContainers(value: string): string[] | undefined {
  const text = value.replaceAll('\r\n', '\n');
  let i = 0;
  // encoding/csv skips empty lines before the first record; no record at all is io.EOF.
  while (text[i] === '\n') i += 1;
  if (i >= text.length) return undefined;
  const fields: string[] = [];
  for (;;) {
    if (text[i] === '"') {
      let field = '';
      i += 1;
      for (;;) {
        if (i >= text.length) return undefined; // extraneous or missing " in quoted-field
        const ch = text[i];
        if (ch === '"') {
          const next = text[i + 1];
          if (next === '"') {
            field += '"';
            i += 2;
          } else if (next === ',' || next === '\n' || next === undefined) {
            i += 1;
            break;
          } else {
            return undefined;
          }
        } else {
          field += ch;
          i += 1;
        }
      }
      fields.push(field);
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '\n') end += 1;
      const field = text.slice(i, end);
      if (field.includes('"')) return undefined; // bare " in non-quoted-field
      fields.push(field);
      i = end;
    }
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    return fields;
  }
}
