// ListPolicyVersions (IAM API Reference): a managed policy's versions, newest first, without documents.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedPolicy } from '../entities/managed-policies.ts';
import { PAGE_INPUT, pageMembers, pageOf, pageRequest } from '../pagination.ts';
import { ARN, PAGE_MEMBERS } from '../shapes/common.ts';
import { POLICY_VERSION, policyVersionOutput } from '../shapes/managed-policy.ts';

const input = { type: 'structure', members: { PolicyArn: ARN, ...PAGE_INPUT }, required: ['PolicyArn'] } as const;
const output = { type: 'structure', members: { Versions: { type: 'list', member: POLICY_VERSION }, ...PAGE_MEMBERS } } as const;

export const listPolicyVersions = operation({
  name: 'ListPolicyVersions',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const policy = await authorizedPolicy(ctx, ctx.store, callerAccount(ctx), 'iam:ListPolicyVersions', req.PolicyArn);
    const versions = (await ctx.store.managedPolicies.listVersions(policy.arn)).reverse();
    const page = pageOf(`versions:${policy.arn}`, versions, pageRequest(req));
    return { Versions: page.items.map((v) => policyVersionOutput(v, policy.defaultVersionId, false)), ...pageMembers(page) };
  },
});
