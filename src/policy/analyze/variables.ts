// Policy variables in values: `${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, `${*}`.
// IAM User Guide, "IAM policy elements: Variables and tags"; IAM policy validation check reference:
// "Error – Missing brace in variable", "Error – Empty variable", "Error – Unsupported space in variable",
// "Error – Missing quote in variable".
import type { IssueCode } from './issues.ts';

/** True when the text has a policy variable (or something that starts like one). */
export function hasVariable(text: string): boolean {
  return text.includes('${');
}

/** The first syntax problem of the variables in a value, if any. */
export function variableIssue(text: string): IssueCode | undefined {
  let from = 0;
  for (;;) {
    const open = text.indexOf('${', from);
    if (open < 0) return undefined;
    const close = text.indexOf('}', open + 2);
    if (close < 0) return 'MISSING_BRACE_IN_VARIABLE';
    const body = text.slice(open + 2, close);
    from = close + 1;
    if (body.trim() === '') return 'EMPTY_VARIABLE';
    // The special characters `${*}`, `${?}` and `${$}`.
    if (body === '*' || body === '?' || body === '$') continue;
    const comma = body.indexOf(',');
    const name = comma < 0 ? body : body.slice(0, comma);
    if (/\s/.test(name)) return 'UNSUPPORTED_SPACE_IN_VARIABLE';
    if (comma >= 0) {
      const fallback = body.slice(comma + 1).trim();
      if (fallback.length < 2 || !fallback.startsWith("'") || !fallback.endsWith("'")) return 'MISSING_QUOTE_IN_VARIABLE';
    }
  }
}
