// The objects a list or watch request selects: its namespace, labelSelector and fieldSelector.
import { parseFieldSelector } from './field-selector.ts';
import { statusFailure } from './kube-object.ts';
import { parseLabelSelector, SelectorParseError } from './label-selector.ts';
import { ApiError } from './object-store.ts';
import type { ResourceKind } from './resource-kinds.ts';
import type { ObjectFilter } from './watch-stream.ts';

/** Builds the filter of a request (400 BadRequest for a selector the API server would refuse). */
export function filterFrom(kind: ResourceKind, namespace: string | undefined, params: URLSearchParams): ObjectFilter {
  try {
    const labels = parseLabelSelector(params.get('labelSelector') ?? '');
    const fields = parseFieldSelector(params.get('fieldSelector') ?? '', kind.fields);
    return { namespace, matches: (o) => labels.matches(o.metadata.labels) && fields.matches(o) };
  } catch (error) {
    if (error instanceof SelectorParseError) throw new ApiError(statusFailure(400, 'BadRequest', error.message));
    throw error;
  }
}
