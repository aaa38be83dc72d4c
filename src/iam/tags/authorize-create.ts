// Authorizing a create that may carry tags (IAM User Guide, "Controlling access to IAM resources":
// creating a resource with tags needs the tagging action too, and both see `aws:RequestTag/<key>` and
// `aws:TagKeys`).
import type { CallContext } from '../../api/index.ts';
import type { ContextValue } from '../../policy/index.ts';
import type { Tag } from '../../store/index.ts';
import { requestTagContext } from './tag-list.ts';

/** Authorizes `create` on `arn`, and `tag` as well when the request sets tags; `extra` joins the tag context keys. */
export function authorizeCreate(
  ctx: CallContext,
  actions: { readonly create: string; readonly tag: string },
  arn: string,
  tags: readonly Tag[],
  extra: Readonly<Record<string, ContextValue>> = {},
): void {
  const context = { ...requestTagContext(tags), ...extra };
  ctx.authorize({ action: actions.create, resource: arn, context });
  if (tags.length > 0) ctx.authorize({ action: actions.tag, resource: arn, context });
}
