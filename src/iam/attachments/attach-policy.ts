// Attach{Role,User,Group}Policy (IAM API Reference): attaches a managed policy (the account's own or
// an AWS managed one) to an identity; at most 10 per identity ("IAM and AWS STS quotas": "Cannot
// exceed quota for PoliciesPerRole: 10"). Attaching one that is already attached succeeds. The
// request carries `iam:PolicyARN` for conditions on which policies may be attached.
import { awsError } from '../../aws/index.ts';
import { operation, type Operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { checkPolicyArn, policyNotAttachable, visiblePolicy } from '../entities/managed-policies.ts';
import { allPages } from '../pagination.ts';
import { keyedStructure } from '../shapes/keyed-structure.ts';
import type { PolicyHolder } from '../principals/policy-holders.ts';
import { ARN } from '../shapes/common.ts';

const MAX_ATTACHED = 10;

/** The Attach{X}Policy operation of a kind of identity. */
export function attachPolicy(holder: PolicyHolder): Operation {
  return operation({
    name: `Attach${holder.noun}Policy`,
    input: keyedStructure({ [holder.keyMember]: holder.attachKeyShape, PolicyArn: ARN }, [holder.keyMember, 'PolicyArn']),
    readOnly: false,
    async run(ctx, req) {
      const accountId = callerAccount(ctx);
      const arn = checkPolicyArn(String(req['PolicyArn']));
      await ctx.store.transaction(async (tx) => {
        const entity = await holder.find(ctx, tx, accountId, `iam:Attach${holder.noun}Policy`, String(req[holder.keyMember]), { 'iam:PolicyARN': arn });
        const policy = await visiblePolicy(tx, accountId, arn);
        if (policy === undefined || !policy.isAttachable) throw policyNotAttachable(arn);
        if (await tx.policyAttachments.isAttached(arn, entity.id)) return;
        const attached = await allPages((page) => tx.policyAttachments.listForPrincipal(entity.id, page));
        if (attached.length >= MAX_ATTACHED) throw awsError('LimitExceeded', `Cannot exceed quota for ${holder.attachmentQuota}: ${MAX_ATTACHED}`);
        await tx.policyAttachments.attach({ policyArn: arn, principalId: entity.id, principalType: holder.principalType, accountId });
      });
      await ctx.refresh();
      return undefined;
    },
  });
}
