// SetDefaultPolicyVersion (IAM API Reference): which version of a customer managed policy is in force.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedPolicy, customerPolicy, noSuchPolicyVersion } from '../entities/managed-policies.ts';
import { ARN, POLICY_VERSION_ID } from '../shapes/common.ts';

const input = { type: 'structure', members: { PolicyArn: ARN, VersionId: POLICY_VERSION_ID }, required: ['PolicyArn', 'VersionId'] } as const;

export const setDefaultPolicyVersion = operation({
  name: 'SetDefaultPolicyVersion',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const policy = customerPolicy(await authorizedPolicy(ctx, tx, accountId, 'iam:SetDefaultPolicyVersion', req.PolicyArn));
      if ((await tx.managedPolicies.getVersion(policy.arn, req.VersionId)) === undefined) throw noSuchPolicyVersion(policy.arn, req.VersionId);
      await tx.managedPolicies.update(policy.arn, { defaultVersionId: req.VersionId, updatedAt: ctx.now });
    });
    await ctx.refresh();
    return undefined;
  },
});
