// Delete{Role,User,Group}Policy (IAM API Reference): removes an inline policy.
import { operation, type Operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { keyedStructure } from '../shapes/keyed-structure.ts';
import type { PolicyHolder } from '../principals/policy-holders.ts';
import { POLICY_NAME } from '../shapes/common.ts';
import { noSuchInlinePolicy } from './get-policy.ts';

/** The Delete{X}Policy operation of a kind of identity. */
export function deleteInlinePolicy(holder: PolicyHolder): Operation {
  return operation({
    name: `Delete${holder.noun}Policy`,
    input: keyedStructure({ [holder.keyMember]: holder.keyShape, PolicyName: POLICY_NAME }, [holder.keyMember, 'PolicyName']),
    readOnly: false,
    async run(ctx, req) {
      const accountId = callerAccount(ctx);
      const policyName = String(req['PolicyName']);
      await ctx.store.transaction(async (tx) => {
        const entity = await holder.find(ctx, tx, accountId, `iam:Delete${holder.noun}Policy`, String(req[holder.keyMember]));
        if (!(await tx.inlinePolicies.delete(entity.id, policyName))) throw noSuchInlinePolicy(holder, policyName);
      });
      await ctx.refresh();
      return undefined;
    },
  });
}
