// GetPolicy (IAM API Reference): a managed policy's metadata and its use in the caller's account (the
// document is read with GetPolicyVersion).
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedPolicy } from '../entities/managed-policies.ts';
import { ARN } from '../shapes/common.ts';
import { POLICY, policyOutput } from '../shapes/managed-policy.ts';
import { policyUsage } from './policy-usage.ts';

const input = { type: 'structure', members: { PolicyArn: ARN }, required: ['PolicyArn'] } as const;
const output = { type: 'structure', members: { Policy: POLICY } } as const;

export const getPolicy = operation({
  name: 'GetPolicy',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const policy = await authorizedPolicy(ctx, ctx.store, accountId, 'iam:GetPolicy', req.PolicyArn);
    return { Policy: policyOutput(policy, await policyUsage(ctx.store, accountId, policy.arn), 'full') };
  },
});
