// CreatePolicy (Organizations API Reference) for SERVICE_CONTROL_POLICY and RESOURCE_CONTROL_POLICY:
// the content is checked as that policy type's grammar and size quota require; names are unique in the
// organization (DuplicatePolicyException). An organization with only consolidated billing has no
// authorization policies (PolicyTypeNotAvailableForOrganizationException).
import { operation } from '../api/index.ts';
import { StoreConflict } from '../store/index.ts';
import { authorizeOrg, managedOrganization } from './org-access.ts';
import { duplicatePolicy, policyTypeNotAvailable, unsupportedPolicyType } from './org-errors.ts';
import { newPolicyId } from './org-ids.ts';
import { policyContentShape, policyDescriptionShape, policyNameShape, policyShape, policyTypeShape, tagsShape } from './org-shapes.ts';
import { policyView } from './org-views.ts';
import { checkPolicyContent } from './policy-content.ts';
import { orgPolicyType } from './policy-lookup.ts';

const input = {
  type: 'structure',
  members: { Content: policyContentShape, Description: policyDescriptionShape, Name: policyNameShape, Type: policyTypeShape, Tags: tagsShape },
  required: ['Content', 'Description', 'Name', 'Type'],
} as const;
const output = { type: 'structure', members: { Policy: policyShape } } as const;

export const createPolicy = operation({
  name: 'CreatePolicy',
  input,
  output,
  readOnly: false,
  async run(ctx, request) {
    authorizeOrg(ctx, { action: 'organizations:CreatePolicy', resource: '*', context: { 'organizations:PolicyType': request.Type } });
    const organization = await managedOrganization(ctx);
    const type = orgPolicyType(request.Type);
    if (type === undefined) throw unsupportedPolicyType(request.Type);
    if (organization.featureSet !== 'ALL') throw policyTypeNotAvailable();
    checkPolicyContent(request.Content, type);
    const policy = await ctx.store.transaction(async (tx) => {
      const existing = await tx.orgPolicies.list(organization.id, type);
      if (existing.some((p) => p.name === request.Name)) throw duplicatePolicy();
      const inserted = await tx.orgPolicies.insert({
        id: newPolicyId(),
        organizationId: organization.id,
        name: request.Name,
        description: request.Description,
        type,
        content: request.Content,
        awsManaged: false,
        createdAt: ctx.now,
      });
      if (inserted instanceof StoreConflict) throw duplicatePolicy();
      return inserted;
    });
    await ctx.refresh();
    return { Policy: policyView(policy, organization) };
  },
  audit: { responseElements: (out) => out },
});
