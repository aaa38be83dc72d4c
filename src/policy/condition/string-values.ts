// String condition operators. IAM User Guide, "IAM JSON policy elements: Condition operators"
// (String condition operators): StringEquals is "Exact matching, case sensitive", StringEqualsIgnoreCase
// "Exact matching, ignoring case", StringLike "Case-sensitive matching" where values "can include
// multi-character match wildcards (*) and single-character match wildcards (?) anywhere in the string".
// Values may hold policy variables ("IAM policy elements: Variables and tags"); a value whose variable
// has no value is "effectively null. There is no equal or like value": it matches no request value, so
// StringEquals/StringLike do not hold and "Inverted condition operators like StringNotEquals or
// StringNotLike do match against a null value" (Policy variables with no value). Under StringLike a substituted value's own `*` and `?` are literal
// characters: only wildcards written in the policy are wildcards (podiam's fail-closed reading; the
// guide does not say, and offers `${*}`/`${?}` precisely so that policy authors can write literal ones).
import type { PolicyVersion } from '../ast.ts';
import { RequestContext } from '../context.ts';
import { compileGlob, compileTemplate, matchGlob, type GlobMatcher, type Template } from '../variables/index.ts';
import { MATCH, NO_MATCH, type CompiledValues, type ValueMatcher } from './match-result.ts';
import type { BaseOperator } from './operators.ts';

/** How a String operator compares. */
type StringMode = 'exact' | 'ignoreCase' | 'like';

function modeOf(base: BaseOperator): StringMode {
  if (base === 'StringLike' || base === 'StringNotLike') return 'like';
  if (base === 'StringEqualsIgnoreCase' || base === 'StringNotEqualsIgnoreCase') return 'ignoreCase';
  return 'exact';
}

/** Literal templates read no context; they are rendered once, against this empty one. */
const NO_CONTEXT = new RequestContext();

let lastCased: string | undefined;
let lastLower = '';

/** The value in lower case, remembering the last one (one request value meets many conditions). */
function lowerCase(value: string): string {
  if (value !== lastCased) {
    lastCased = value;
    lastLower = value.toLowerCase();
  }
  return lastLower;
}

/** A test of a request value against the values with no variables. */
type StaticTest = (value: string) => boolean;

const never: StaticTest = () => false;

/** Membership in a list of exact strings: a comparison for one or a few, a Set for many. */
function memberOf(list: readonly string[]): StaticTest {
  const [only] = list;
  if (list.length === 0) return never;
  if (list.length === 1 && only !== undefined) return (value) => value === only;
  if (list.length <= 8) return (value) => list.includes(value);
  const set = new Set(list);
  return (value) => set.has(value);
}

function anyOf(matchers: readonly GlobMatcher[]): StaticTest {
  const [only] = matchers;
  if (matchers.length === 0) return never;
  if (matchers.length === 1 && only !== undefined) return only;
  return (value) => {
    for (const matcher of matchers) if (matcher(value)) return true;
    return false;
  };
}

function staticTest(mode: StringMode, literals: readonly Template[]): StaticTest {
  switch (mode) {
    case 'exact':
      return memberOf(literals.map((t) => renderLiteral(t)));
    case 'ignoreCase': {
      const member = memberOf(literals.map((t) => renderLiteral(t).toLowerCase()));
      return (value) => member(lowerCase(value));
    }
    case 'like':
      return anyOf(literals.map((t) => compileGlob(t.renderPattern(NO_CONTEXT) ?? [])));
    default: {
      const unreachable: never = mode;
      return unreachable;
    }
  }
}

/** A literal template's text (it reads no context). */
function renderLiteral(template: Template): string {
  return template.render(NO_CONTEXT) ?? '';
}

/** True when a request value matches one templated value rendered for this request (never when a variable has no value). */
function dynamicMatch(mode: StringMode, template: Template, value: string, ctx: RequestContext): boolean {
  if (mode === 'like') {
    const pattern = template.renderPattern(ctx);
    return pattern !== undefined && matchGlob(pattern, value);
  }
  const rendered = template.render(ctx);
  if (rendered === undefined) return false;
  if (mode === 'exact') return rendered === value;
  return rendered.toLowerCase() === lowerCase(value);
}

/** Compiles the values of a String operator (the positive sense: Equals, EqualsIgnoreCase, Like). */
export function compileStringValues(base: BaseOperator, values: readonly string[], version: PolicyVersion | undefined): CompiledValues {
  const mode = modeOf(base);
  const templates = values.map((value) => compileTemplate(value, version));
  const literals = templates.filter((t) => t.literal);
  const dynamic = templates.filter((t) => !t.literal);
  const test = staticTest(mode, literals);
  const keys = [...new Set(dynamic.flatMap((t) => t.keys))];
  if (dynamic.length === 0) return { match: (value) => (test(value) ? MATCH : NO_MATCH), keys };
  const match: ValueMatcher = (value, ctx) => {
    if (test(value)) return MATCH;
    for (const template of dynamic) if (dynamicMatch(mode, template, value, ctx)) return MATCH;
    return NO_MATCH;
  };
  return { match, keys };
}
