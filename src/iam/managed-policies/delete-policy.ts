// DeletePolicy (IAM API Reference): a customer managed policy that is attached to nothing, is no one's
// permissions boundary, and has no version but its default (DeleteConflict otherwise).
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedPolicy, customerPolicy } from '../entities/managed-policies.ts';
import { ARN } from '../shapes/common.ts';
import { policyUsage } from './policy-usage.ts';

const input = { type: 'structure', members: { PolicyArn: ARN }, required: ['PolicyArn'] } as const;

export const deletePolicy = operation({
  name: 'DeletePolicy',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const policy = customerPolicy(await authorizedPolicy(ctx, tx, accountId, 'iam:DeletePolicy', req.PolicyArn));
      const usage = await policyUsage(tx, accountId, policy.arn);
      if (usage.attachmentCount > 0 || usage.permissionsBoundaryUsageCount > 0) {
        throw awsError('DeleteConflict', 'Cannot delete a policy attached to entities.');
      }
      if ((await tx.managedPolicies.listVersions(policy.arn)).length > 1) {
        throw awsError(
          'DeleteConflict',
          "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
        );
      }
      await tx.managedPolicies.delete(policy.arn);
    });
    await ctx.refresh();
    return undefined;
  },
});
