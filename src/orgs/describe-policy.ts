// DescribePolicy (Organizations API Reference): a policy of the organization or an AWS managed one.
import { operation } from '../api/index.ts';
import { managedOrganization } from './org-access.ts';
import { policyIdShape, policyShape } from './org-shapes.ts';
import { policyView } from './org-views.ts';
import { authorizedPolicy } from './policy-lookup.ts';

const input = { type: 'structure', members: { PolicyId: policyIdShape }, required: ['PolicyId'] } as const;
const output = { type: 'structure', members: { Policy: policyShape } } as const;

export const describePolicy = operation({
  name: 'DescribePolicy',
  input,
  output,
  readOnly: true,
  async run(ctx, request) {
    const organization = await managedOrganization(ctx);
    const policy = await authorizedPolicy(ctx, organization, request.PolicyId, 'organizations:DescribePolicy');
    return { Policy: policyView(policy, organization) };
  },
});
