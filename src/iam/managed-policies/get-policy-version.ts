// GetPolicyVersion (IAM API Reference): one version of a managed policy with its document, URL-encoded.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedPolicy, noSuchPolicyVersion } from '../entities/managed-policies.ts';
import { ARN, POLICY_VERSION_ID } from '../shapes/common.ts';
import { POLICY_VERSION, policyVersionOutput } from '../shapes/managed-policy.ts';

const input = { type: 'structure', members: { PolicyArn: ARN, VersionId: POLICY_VERSION_ID }, required: ['PolicyArn', 'VersionId'] } as const;
const output = { type: 'structure', members: { PolicyVersion: POLICY_VERSION } } as const;

export const getPolicyVersion = operation({
  name: 'GetPolicyVersion',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const policy = await authorizedPolicy(ctx, ctx.store, callerAccount(ctx), 'iam:GetPolicyVersion', req.PolicyArn);
    const version = await ctx.store.managedPolicies.getVersion(policy.arn, req.VersionId);
    if (version === undefined) throw noSuchPolicyVersion(policy.arn, req.VersionId);
    return { PolicyVersion: policyVersionOutput(version, policy.defaultVersionId, true) };
  },
});
