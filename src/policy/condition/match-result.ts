// How one request value compares with a condition's policy values, before negation and set qualifiers.
// IAM User Guide, "Conditions with multiple context keys or values": several values for one key are
// ORed; for a negated operator they are NORed ("If a single negated matching condition operator includes
// multiple values for a context key, those values are evaluated using a logical NOR").
import type { RequestContext } from '../context.ts';

/** No policy value matches the request value. */
export const NO_MATCH = 0;
/** At least one policy value matches the request value. */
export const MATCH = 1;
/**
 * No policy value matches, and the comparison could not be made for every one of them: the request
 * value is not of the operator's type (not a number, date, IP address, ARN, ...), a policy value is
 * not, or a policy variable had no value. Neither the operator nor its negation holds.
 */
export const INCOMPARABLE = 2;

/** The outcome of comparing one request value with all of a condition's policy values. */
export type MatchResult = typeof NO_MATCH | typeof MATCH | typeof INCOMPARABLE;

/** Compares one request value with a condition's policy values (the positive operator's sense). */
export type ValueMatcher = (value: string, ctx: RequestContext) => MatchResult;

/** A condition's policy values compiled for one operator family. */
export interface CompiledValues {
  readonly match: ValueMatcher;
  /** Lower-case context keys that policy variables in the values reference. */
  readonly keys: readonly string[];
}

/** Compiled values that reference no policy variables. */
export function staticValues(match: ValueMatcher): CompiledValues {
  return { match, keys: [] };
}
