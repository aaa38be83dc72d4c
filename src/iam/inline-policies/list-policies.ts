// List{Role,User,Group}Policies (IAM API Reference): the names of an entity's inline policies.
import { operation, type Operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { PAGE_INPUT, pageMembers, pageRequest, storePage } from '../pagination.ts';
import { keyedStructure } from '../shapes/keyed-structure.ts';
import type { PolicyHolder } from '../principals/policy-holders.ts';
import { PAGE_MEMBERS, POLICY_NAME } from '../shapes/common.ts';

/** The List{X}Policies operation of a kind of identity. */
export function listInlinePolicies(holder: PolicyHolder): Operation {
  return operation({
    name: `List${holder.noun}Policies`,
    input: keyedStructure({ [holder.keyMember]: holder.keyShape, ...PAGE_INPUT }, [holder.keyMember]),
    output: keyedStructure({ PolicyNames: { type: 'list', member: POLICY_NAME }, ...PAGE_MEMBERS }, ['PolicyNames']),
    readOnly: true,
    async run(ctx, req) {
      const entity = await holder.find(ctx, ctx.store, callerAccount(ctx), `iam:List${holder.noun}Policies`, String(req[holder.keyMember]));
      const page = storePage(
        await ctx.store.inlinePolicies.list(entity.id, pageRequest({ Marker: req['Marker'] as string | undefined, MaxItems: req['MaxItems'] as number | undefined })),
      );
      return { PolicyNames: page.items.map((p) => p.policyName), ...pageMembers(page) };
    },
  });
}
