// DeletePolicyVersion (IAM API Reference): removes a version that is not the default.
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedPolicy, customerPolicy, noSuchPolicyVersion } from '../entities/managed-policies.ts';
import { ARN, POLICY_VERSION_ID } from '../shapes/common.ts';

const input = { type: 'structure', members: { PolicyArn: ARN, VersionId: POLICY_VERSION_ID }, required: ['PolicyArn', 'VersionId'] } as const;

export const deletePolicyVersion = operation({
  name: 'DeletePolicyVersion',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const policy = customerPolicy(await authorizedPolicy(ctx, tx, accountId, 'iam:DeletePolicyVersion', req.PolicyArn));
      if ((await tx.managedPolicies.getVersion(policy.arn, req.VersionId)) === undefined) throw noSuchPolicyVersion(policy.arn, req.VersionId);
      if (policy.defaultVersionId === req.VersionId) throw awsError('DeleteConflict', 'Cannot delete the default version of a policy.');
      await tx.managedPolicies.deleteVersion(policy.arn, req.VersionId);
    });
    await ctx.refresh();
    return undefined;
  },
});
