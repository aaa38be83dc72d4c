// ListAttached{Role,User,Group}Policies (IAM API Reference): the managed policies attached to an
// identity, by name, optionally those under a path prefix.
import { operation, type Operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { PAGE_INPUT, pageMembers, pageRequest, storePage } from '../pagination.ts';
import { keyedStructure } from '../shapes/keyed-structure.ts';
import type { PolicyHolder } from '../principals/policy-holders.ts';
import { ATTACHED_POLICY, PAGE_MEMBERS, POLICY_PATH } from '../shapes/common.ts';

/** The ListAttached{X}Policies operation of a kind of identity. */
export function listAttachedPolicies(holder: PolicyHolder): Operation {
  return operation({
    name: `ListAttached${holder.noun}Policies`,
    input: keyedStructure({ [holder.keyMember]: holder.attachKeyShape, PathPrefix: POLICY_PATH, ...PAGE_INPUT }, [holder.keyMember]),
    output: { type: 'structure', members: { AttachedPolicies: { type: 'list', member: ATTACHED_POLICY }, ...PAGE_MEMBERS } },
    readOnly: true,
    async run(ctx, req) {
      const entity = await holder.find(ctx, ctx.store, callerAccount(ctx), `iam:ListAttached${holder.noun}Policies`, String(req[holder.keyMember]));
      const page = storePage(
        await ctx.store.policyAttachments.listForPrincipal(entity.id, {
          pathPrefix: req['PathPrefix'] as string | undefined,
          ...pageRequest({ Marker: req['Marker'] as string | undefined, MaxItems: req['MaxItems'] as number | undefined }),
        }),
      );
      return { AttachedPolicies: page.items.map((p) => ({ PolicyName: p.policyName, PolicyArn: p.policyArn })), ...pageMembers(page) };
    },
  });
}
