// ARN condition operators. IAM User Guide, "IAM JSON policy elements: Condition operators" (Amazon
// Resource Name (ARN) condition operators): ArnEquals and ArnLike are "Case-sensitive matching of the
// ARN. Each of the six colon-delimited components of the ARN is checked separately and each can include
// multi-character match wildcards (*) or single-character match wildcards (?)", and they "behave
// identically" (as do ArnNotEquals and ArnNotLike). The guide's example: `arn:aws:someservice:*:
// 111122223333:finance/*` does not match `arn:aws:someservice:us-east-2:999999999999:store/abc:
// 111122223333:finance/document.txt`, because the first `*` only covers the region. The sixth component
// is the rest of the ARN, colons included. A request value that is not an ARN (fewer than six
// components, or not starting `arn:`) is not comparable; a policy value with fewer than six components
// matches nothing. Policy variables are substituted first; a substituted `*` or `?` is literal, and a
// substituted `:` separates components like any other.
import type { PolicyVersion } from '../ast.ts';
import { RequestContext } from '../context.ts';
import { compileGlob, compileTemplate, matchGlob, splitArnTokens, type GlobMatcher, type Template } from '../variables/index.ts';
import { INCOMPARABLE, MATCH, NO_MATCH, type CompiledValues, type MatchResult, type ValueMatcher } from './match-result.ts';

/** Literal templates read no context; they are rendered once, against this empty one. */
const NO_CONTEXT = new RequestContext();

let lastText: string | undefined;
let lastSegments: readonly string[] | undefined;

/** The six components of a request ARN, or undefined when the value is not an ARN. Remembers the last one. */
function readArn(text: string): readonly string[] | undefined {
  if (text === lastText) return lastSegments;
  let segments: string[] | undefined = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = text.indexOf(':', start);
    if (colon < 0) {
      segments = undefined;
      break;
    }
    segments.push(text.slice(start, colon));
    start = colon + 1;
  }
  if (segments !== undefined) {
    segments.push(text.slice(start));
    if (segments[0] !== 'arn') segments = undefined;
  }
  lastText = text;
  lastSegments = segments;
  return segments;
}

/** Six compiled component matchers for a policy ARN with no variables. */
type ArnMatcher = (segments: readonly string[]) => boolean;

function compileArnPattern(template: Template): ArnMatcher | undefined {
  const parts = splitArnTokens(template.renderPattern(NO_CONTEXT) ?? []);
  if (parts === undefined) return undefined;
  const matchers: readonly GlobMatcher[] = parts.map((part) => compileGlob(part));
  // The resource component first: it is the one that usually differs.
  return (segments) => {
    for (let i = 5; i >= 0; i--) {
      const matcher = matchers[i];
      if (matcher === undefined || !matcher(segments[i] ?? '')) return false;
    }
    return true;
  };
}

/**
 * Compares request components with a templated policy ARN rendered for this request. A variable with
 * no value leaves no value to compare: no match, so ArnNotEquals/ArnNotLike hold (IAM User Guide,
 * "IAM policy elements: Variables and tags", Policy variables with no value).
 */
function dynamicMatch(template: Template, segments: readonly string[], ctx: RequestContext): MatchResult {
  const pattern = template.renderPattern(ctx);
  if (pattern === undefined) return NO_MATCH;
  const parts = splitArnTokens(pattern);
  if (parts === undefined) return INCOMPARABLE;
  for (let i = 0; i < 6; i++) if (!matchGlob(parts[i] ?? [], segments[i] ?? '')) return NO_MATCH;
  return MATCH;
}

/** Compiles the values of an ARN operator (the negated ones compare the same way, then negate). */
export function compileArnValues(values: readonly string[], version: PolicyVersion | undefined): CompiledValues {
  const templates = values.map((value) => compileTemplate(value, version));
  const matchers: ArnMatcher[] = [];
  let unreadable = false;
  for (const template of templates) {
    if (!template.literal) continue;
    const matcher = compileArnPattern(template);
    if (matcher === undefined) unreadable = true;
    else matchers.push(matcher);
  }
  const dynamic = templates.filter((t) => !t.literal);
  const keys = [...new Set(dynamic.flatMap((t) => t.keys))];
  const otherwise = unreadable ? INCOMPARABLE : NO_MATCH;
  const match: ValueMatcher = (value, ctx) => {
    const segments = readArn(value);
    if (segments === undefined) return INCOMPARABLE;
    for (const matcher of matchers) if (matcher(segments)) return MATCH;
    let result: MatchResult = otherwise;
    for (const template of dynamic) {
      const one = dynamicMatch(template, segments, ctx);
      if (one === MATCH) return MATCH;
      if (one === INCOMPARABLE) result = INCOMPARABLE;
    }
    return result;
  };
  return { match, keys };
}
