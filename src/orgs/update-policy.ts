// UpdatePolicy (Organizations API Reference): a new name, description or content for a customer
// policy; new content is checked like CreatePolicy's. AWS managed policies cannot be changed. The
// change applies at once to every account the policy reaches.
import { operation } from '../api/index.ts';
import { StoreConflict } from '../store/index.ts';
import { managedOrganization } from './org-access.ts';
import { accessDenied, duplicatePolicy, policyNotFound } from './org-errors.ts';
import { policyContentShape, policyDescriptionShape, policyIdShape, policyNameShape, policyShape } from './org-shapes.ts';
import { policyView } from './org-views.ts';
import { checkPolicyContent } from './policy-content.ts';
import { authorizedPolicy } from './policy-lookup.ts';

const input = {
  type: 'structure',
  members: { PolicyId: policyIdShape, Name: policyNameShape, Description: policyDescriptionShape, Content: policyContentShape },
  required: ['PolicyId'],
} as const;
const output = { type: 'structure', members: { Policy: policyShape } } as const;

export const updatePolicy = operation({
  name: 'UpdatePolicy',
  input,
  output,
  readOnly: false,
  async run(ctx, request) {
    const organization = await managedOrganization(ctx);
    const policy = await authorizedPolicy(ctx, organization, request.PolicyId, 'organizations:UpdatePolicy');
    if (policy.awsManaged) throw accessDenied(`${policy.id} is an AWS managed policy`);
    if (request.Content !== undefined) checkPolicyContent(request.Content, policy.type);
    const updated = await ctx.store.transaction(async (tx) => {
      if (request.Name !== undefined && request.Name !== policy.name) {
        const others = await tx.orgPolicies.list(organization.id, policy.type);
        if (others.some((p) => p.name === request.Name && p.id !== policy.id)) throw duplicatePolicy();
      }
      const result = await tx.orgPolicies.update(policy.id, {
        ...(request.Name !== undefined ? { name: request.Name } : {}),
        ...(request.Description !== undefined ? { description: request.Description } : {}),
        ...(request.Content !== undefined ? { content: request.Content } : {}),
      });
      if (result instanceof StoreConflict) throw duplicatePolicy();
      if (result === undefined) throw policyNotFound();
      return result;
    });
    await ctx.refresh();
    return { Policy: policyView(updated, organization) };
  },
  audit: { responseElements: (out) => out },
});
