// How `Resource`/`NotResource` values match the resource a request acts on.
// IAM User Guide, "IAM JSON policy elements: Resource": ARNs match case-sensitively; `*` and `?`
// wildcards may appear in every segment and match within that segment ("ARN condition operators":
// each of the six colon-delimited components is checked separately).
import type { PolicyVersion, ResourceElement } from './ast.ts';
import type { RequestContext } from './context.ts';
import { compileTemplate } from './variables/index.ts';
import { compileWildcard, type WildcardMatcher } from './wildcard.ts';

/** A request's resource, split once into ARN segments for every statement to reuse. */
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

/** Compiles one literal resource pattern (no policy variables left in it). */
function compilePattern(pattern: string): (resource: RequestResource) => boolean {
  if (pattern === '*') return () => true;
  const parts = arnSegments(pattern);
  if (parts === undefined) {
    // Not an ARN (and not "*"): IAM rejects these on write; a stored one can only match itself.
    return (resource) => resource.text === pattern;
  }
  const matchers: WildcardMatcher[] = parts.map((part) => compileWildcard(part, false));
  return (resource) => {
    const segments = resource.segments;
    if (segments === undefined) return false;
    for (let i = 0; i < 6; i++) {
      const match = matchers[i];
      const segment = segments[i];
      if (match === undefined || segment === undefined || !match(segment)) return false;
    }
    return true;
  };
}

/** Compiles one `Resource` value, substituting policy variables per request when it has any. */
function compileValue(value: string, version: PolicyVersion | undefined): ResourceTest {
  const template = compileTemplate(value, version);
  if (template.literal) {
    const test = compilePattern(value);
    return (resource) => test(resource);
  }
  return (resource, ctx) => {
    const rendered = template.render(ctx);
    // A variable with no value and no default makes the value match nothing
    // (IAM User Guide, "IAM policy elements: Variables and tags").
    if (rendered === undefined) return false;
    return compilePattern(rendered)(resource);
  };
}

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
