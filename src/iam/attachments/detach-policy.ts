// Detach{Role,User,Group}Policy (IAM API Reference): detaches a managed policy; NoSuchEntity when it
// was not attached.
import { operation, type Operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { checkPolicyArn, policyNotFound } from '../entities/managed-policies.ts';
import { keyedStructure } from '../shapes/keyed-structure.ts';
import type { PolicyHolder } from '../principals/policy-holders.ts';
import { ARN } from '../shapes/common.ts';

/** The Detach{X}Policy operation of a kind of identity. */
export function detachPolicy(holder: PolicyHolder): Operation {
  return operation({
    name: `Detach${holder.noun}Policy`,
    input: keyedStructure({ [holder.keyMember]: holder.attachKeyShape, PolicyArn: ARN }, [holder.keyMember, 'PolicyArn']),
    readOnly: false,
    async run(ctx, req) {
      const accountId = callerAccount(ctx);
      const arn = checkPolicyArn(String(req['PolicyArn']));
      await ctx.store.transaction(async (tx) => {
        const entity = await holder.find(ctx, tx, accountId, `iam:Detach${holder.noun}Policy`, String(req[holder.keyMember]), { 'iam:PolicyARN': arn });
        if (!(await tx.policyAttachments.detach(arn, entity.id))) throw policyNotFound(arn);
      });
      await ctx.refresh();
      return undefined;
    },
  });
}
