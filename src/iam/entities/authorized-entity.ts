// The order IAM checks a request about an existing entity in: first whether the caller may act on it
// (on its full ARN, path included, when it exists; on the ARN its name would have otherwise), then
// whether it exists. A caller without permission learns nothing about which entities exist.
import type { AwsError } from '../../aws/index.ts';
import type { CallContext } from '../../api/index.ts';
import type { ContextValue } from '../../policy/index.ts';

/** What to check and how to name the entity either way. */
export interface EntityCheck<T> {
  readonly action: string;
  readonly found: T | undefined;
  readonly arnOf: (entity: T) => string;
  /** The resource ARN when the entity does not exist. */
  readonly missingArn: string;
  readonly missing: () => AwsError;
  readonly context?: Readonly<Record<string, ContextValue>>;
}

/** Authorizes `action` on the entity, then returns it, or throws NoSuchEntity. */
export function authorizedEntity<T>(ctx: CallContext, check: EntityCheck<T>): T {
  const resource = check.found === undefined ? check.missingArn : check.arnOf(check.found);
  ctx.authorize({ action: check.action, resource, ...(check.context !== undefined ? { context: check.context } : {}) });
  if (check.found === undefined) throw check.missing();
  return check.found;
}
