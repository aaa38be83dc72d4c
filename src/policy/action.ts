// How `Action`/`NotAction` values match a request's action.
// IAM User Guide, "IAM JSON policy elements: Action": `service:Action`, matched case-insensitively,
// with `*` and `?` wildcards; `"*"` alone means every action of every service.
import type { ActionElement } from './ast.ts';
import { compileWildcard, type WildcardMatcher } from './wildcard.ts';

/** A request action, lower-cased once: `s3:getobject`, service `s3`. */
export interface RequestAction {
  readonly text: string;
  readonly lower: string;
  readonly service: string;
}

/** Prepares a request action for matching. */
export function requestAction(text: string): RequestAction {
  const lower = text.toLowerCase();
  const colon = lower.indexOf(':');
  return { text, lower, service: colon < 0 ? '' : lower.slice(0, colon) };
}

/** A compiled `Action`/`NotAction` element: true when the statement applies to the action. */
export type ActionMatcher = (action: RequestAction) => boolean;

/**
 * The services an `Action` element can match, so that a policy can index its statements by service;
 * `undefined` when any service may match (a wildcard in the service part, or `NotAction`).
 */
export function actionServices(element: ActionElement): Set<string> | undefined {
  if (element.kind === 'NotAction') return undefined;
  const services = new Set<string>();
  for (const value of element.values) {
    const colon = value.indexOf(':');
    const service = colon < 0 ? value.toLowerCase() : value.slice(0, colon).toLowerCase();
    if (service.includes('*') || service.includes('?')) return undefined;
    services.add(service);
  }
  return services;
}

/** Compiles an `Action`/`NotAction` element. */
export function compileAction(element: ActionElement): ActionMatcher {
  const matchers: WildcardMatcher[] = element.values.map((value) => compileWildcard(value.toLowerCase(), false));
  const single = matchers.length === 1 ? matchers[0] : undefined;
  const any: ActionMatcher =
    single !== undefined
      ? (action) => single(action.lower)
      : (action) => {
          for (const match of matchers) if (match(action.lower)) return true;
          return false;
        };
  return element.kind === 'Action' ? any : (action) => !any(action);
}
