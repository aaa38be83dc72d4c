// DeletePolicy (Organizations API Reference): only a policy attached to nothing can go
// (PolicyInUseException); AWS managed policies cannot.
import { operation } from '../api/index.ts';
import { managedOrganization } from './org-access.ts';
import { accessDenied, policyInUse } from './org-errors.ts';
import { policyIdShape } from './org-shapes.ts';
import { authorizedPolicy } from './policy-lookup.ts';

const input = { type: 'structure', members: { PolicyId: policyIdShape }, required: ['PolicyId'] } as const;

export const deletePolicy = operation({
  name: 'DeletePolicy',
  input,
  readOnly: false,
  async run(ctx, request) {
    const organization = await managedOrganization(ctx);
    const policy = await authorizedPolicy(ctx, organization, request.PolicyId, 'organizations:DeletePolicy');
    if (policy.awsManaged) throw accessDenied(`${policy.id} is an AWS managed policy`);
    await ctx.store.transaction(async (tx) => {
      if ((await tx.orgPolicies.targetsOf(policy.id)).length > 0) throw policyInUse();
      await tx.orgPolicies.delete(policy.id);
    });
    await ctx.refresh();
    return undefined;
  },
});
