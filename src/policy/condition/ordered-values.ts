// Numeric and Date operators compare a request value with policy values on a line: equal, less than,
// less than or equal, greater than, greater than or equal ("IAM JSON policy elements: Condition
// operators", Numeric and Date condition operators). The request value is on the left:
// `NumericLessThan {"s3:max-keys": "10"}` holds when max-keys < 10.
import { INCOMPARABLE, MATCH, NO_MATCH, staticValues, type CompiledValues, type ValueMatcher } from './match-result.ts';

/** The comparison an ordered operator makes (negated operators compare as their positive form). */
export type Ordering = 'eq' | 'lt' | 'le' | 'gt' | 'ge';

/** Reads a request or policy value as a point on the line; NaN when it is not one. */
export type ReadPoint = (text: string) => number;

/**
 * Compiles ordered policy values. A policy value that does not read never matches; a request value
 * that does not read makes the comparison INCOMPARABLE (neither the operator nor its negation holds).
 */
export function compileOrderedValues(ordering: Ordering, values: readonly string[], read: ReadPoint): CompiledValues {
  const points: number[] = [];
  let unreadable = false;
  for (const value of values) {
    const point = read(value);
    if (Number.isNaN(point)) unreadable = true;
    else points.push(point);
  }
  const otherwise = unreadable ? INCOMPARABLE : NO_MATCH;
  const [only] = points;
  if (points.length === 1 && only !== undefined) return staticValues(single(ordering, only, read, otherwise));
  const holds = compare(ordering);
  const match: ValueMatcher = (value) => {
    const point = read(value);
    if (Number.isNaN(point)) return INCOMPARABLE;
    for (const p of points) if (holds(point, p)) return MATCH;
    return otherwise;
  };
  return staticValues(match);
}

function compare(ordering: Ordering): (request: number, policy: number) => boolean {
  switch (ordering) {
    case 'eq':
      return (request, policy) => request === policy;
    case 'lt':
      return (request, policy) => request < policy;
    case 'le':
      return (request, policy) => request <= policy;
    case 'gt':
      return (request, policy) => request > policy;
    case 'ge':
      return (request, policy) => request >= policy;
    default: {
      const unreachable: never = ordering;
      return unreachable;
    }
  }
}

/** One policy value: a closure per ordering, so the hot path is one read and one comparison. */
function single(ordering: Ordering, p: number, read: ReadPoint, otherwise: typeof NO_MATCH | typeof INCOMPARABLE): ValueMatcher {
  switch (ordering) {
    case 'eq':
      return (value) => {
        const n = read(value);
        return n === p ? MATCH : Number.isNaN(n) ? INCOMPARABLE : otherwise;
      };
    case 'lt':
      return (value) => {
        const n = read(value);
        return n < p ? MATCH : Number.isNaN(n) ? INCOMPARABLE : otherwise;
      };
    case 'le':
      return (value) => {
        const n = read(value);
        return n <= p ? MATCH : Number.isNaN(n) ? INCOMPARABLE : otherwise;
      };
    case 'gt':
      return (value) => {
        const n = read(value);
        return n > p ? MATCH : Number.isNaN(n) ? INCOMPARABLE : otherwise;
      };
    case 'ge':
      return (value) => {
        const n = read(value);
        return n >= p ? MATCH : Number.isNaN(n) ? INCOMPARABLE : otherwise;
      };
    default: {
      const unreachable: never = ordering;
      return unreachable;
    }
  }
}
