// How `Resource`/`NotResource` values match the resource a request acts on.
// IAM User Guide, "IAM JSON policy elements: Resource": ARNs match case-sensitively; `*` and `?`
// wildcards may appear in every segment and match within that segment ("ARN condition operators":
// each of the six colon-delimited components is checked separately).
import type { PolicyVersion, ResourceElement } from './ast.ts';
import type { RequestContext } from './context.ts';
import { compileTemplate } from './variables/index.ts';
import { flatString, wildcardToRegExpSource } from './wildcard.ts';

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

/**
 * Compiles one literal resource pattern (no policy variables left in it) into a single test on the
 * whole ARN: a wildcard in the first five segments cannot cross a colon, one in the resource segment
 * can. Literal patterns compare strings; a lone trailing `*` in the resource segment is a prefix test.
 */
function compilePattern(pattern: string): (resource: RequestResource) => boolean {
  if (pattern === '*') return () => true;
  const parts = arnSegments(pattern);
  if (parts === undefined) {
    // Not an ARN (and not "*"): IAM rejects these on write; a stored one can only match itself.
    return (resource) => resource.text === pattern;
  }
  const head = parts.slice(0, 5);
  const tail = parts[5] ?? '';
  const headHasWildcard = head.some((part) => part.includes('*') || part.includes('?'));
  if (!headHasWildcard && !tail.includes('*') && !tail.includes('?')) return (resource) => resource.text === pattern;
  if (!headHasWildcard && !tail.includes('?') && tail.indexOf('*') === tail.length - 1) {
    const prefix = flatString(pattern.slice(0, -1));
    return (resource) => resource.segments !== undefined && resource.text.lastIndexOf(prefix, 0) === 0;
  }
  const source = `^${head.map((part) => wildcardToRegExpSource(part, '[^:]')).join(':')}:${wildcardToRegExpSource(tail)}$`;
  const regex = new RegExp(source, 's');
  return (resource) => resource.segments !== undefined && regex.test(resource.text);
}

/** Compiles one `Resource` value, substituting policy variables per request when it has any. */
function compileValue(value: string, version: PolicyVersion | undefined): ResourceTest {
  const template = compileTemplate(value, version);
  if (template.literal) return compilePattern(value);
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
