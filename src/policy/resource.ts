// How `Resource`/`NotResource` values match the resource a request acts on.
// IAM User Guide, "IAM JSON policy elements: Resource" ("Using wildcards in resource ARNs"): ARNs match
// case-sensitively; `*` and `?` may appear within every segment; "If the * wildcard is the last
// character of a resource ARN segment, it can expand to match beyond the colon boundaries"; a `*`
// elsewhere in the first five segments stays within its segment. `${*}`/`${?}` and text substituted
// from policy variables are literal characters ("IAM policy elements: Variables and tags").
import type { PolicyVersion, ResourceElement } from './ast.ts';
import type { RequestContext } from './context.ts';
import { ANY_CHAR, ANY_RUN, compileTemplate, type GlobToken } from './variables/index.ts';
import { flatString } from './wildcard.ts';

/** A request's resource, checked once for ARN shape for every statement to reuse. */
export interface RequestResource {
  readonly text: string;
  /** The six ARN segments (the last one keeps its colons), or undefined when the text is not an ARN. */
  readonly segments: readonly string[] | undefined;
}

/** Splits an ARN into its six segments (`arn`, partition, service, region, account, resource). */
export function arnSegments(text: string): string[] | undefined {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = text.indexOf(':', start);
    if (colon < 0) return undefined;
    out.push(text.slice(start, colon));
    start = colon + 1;
  }
  out.push(text.slice(start));
  return out[0] === 'arn' ? out : undefined;
}

/** Prepares a request resource for matching. */
export function requestResource(text: string): RequestResource {
  return { text, segments: arnSegments(text) };
}

type ResourceTest = (resource: RequestResource, ctx: RequestContext) => boolean;

const escape = (text: string): string => text.replace(/[\\^$.|+()[\]{}/*?-]/g, '\\$&');

/** The regular expression for an ARN pattern given as tokens, with IAM's segment rules. */
function arnPatternSource(tokens: readonly GlobToken[]): string {
  let out = '';
  let colons = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const inResourceSegment = colons >= 5;
    if (token === ANY_RUN) {
      const next = tokens[i + 1];
      const endsSegment = next === undefined || (typeof next === 'string' && next.startsWith(':'));
      out += inResourceSegment || endsSegment ? '.*' : '[^:]*';
    } else if (token === ANY_CHAR) {
      out += inResourceSegment ? '.' : '[^:]';
    } else if (token !== undefined) {
      for (const ch of token) {
        if (ch === ':') colons++;
        out += escape(ch);
      }
    }
  }
  return `^${out}$`;
}

/** Compiles an ARN pattern (as tokens) into a test on the whole ARN; literal and prefix shapes avoid regular expressions. */
function compileTokens(tokens: readonly GlobToken[]): (resource: RequestResource) => boolean {
  const [first, second] = tokens;
  if (tokens.length === 1 && first === ANY_RUN) return () => true;
  if (tokens.length === 0) return (resource) => resource.text === '';
  if (tokens.length === 1 && typeof first === 'string') {
    const literal = flatString(first);
    return (resource) => resource.text === literal;
  }
  if (tokens.length === 2 && typeof first === 'string' && second === ANY_RUN && arnSegments(first) !== undefined) {
    // `arn:…:prefix*` with the wildcard in the resource segment: a prefix test.
    const prefix = flatString(first);
    return (resource) => resource.segments !== undefined && resource.text.lastIndexOf(prefix, 0) === 0;
  }
  const regex = new RegExp(arnPatternSource(tokens), 's');
  return (resource) => resource.segments !== undefined && regex.test(resource.text);
}

/** Compiles one `Resource` value, substituting policy variables per request when it has any. */
function compileValue(value: string, version: PolicyVersion | undefined): ResourceTest {
  const template = compileTemplate(value, version);
  if (template.literal) {
    const tokens = template.renderPattern(EMPTY_CONTEXT);
    return tokens === undefined ? () => false : compileTokens(tokens);
  }
  return (resource, ctx) => {
    // A variable with no value and no default makes the value match nothing.
    const tokens = template.renderPattern(ctx);
    if (tokens === undefined) return false;
    return compileTokens(tokens)(resource);
  };
}

const EMPTY_CONTEXT = { get: () => undefined, getLower: () => undefined } as unknown as RequestContext;

/** A compiled `Resource`/`NotResource` element: true when the statement applies to the resource. */
export type ResourceMatcher = ResourceTest;

/** Compiles a `Resource`/`NotResource` element. */
export function compileResource(element: ResourceElement, version: PolicyVersion | undefined): ResourceMatcher {
  const tests = element.values.map((value) => compileValue(value, version));
  const any: ResourceTest =
    tests.length === 1 && tests[0] !== undefined
      ? tests[0]
      : (resource, ctx) => {
          for (const test of tests) if (test(resource, ctx)) return true;
          return false;
        };
  return element.kind === 'Resource' ? any : (resource, ctx) => !any(resource, ctx);
}

/** The context keys a `Resource` element's policy variables reference (lower case). */
export function resourceVariableKeys(element: ResourceElement, version: PolicyVersion | undefined): string[] {
  return element.values.flatMap((value) => [...compileTemplate(value, version).keys]);
}
