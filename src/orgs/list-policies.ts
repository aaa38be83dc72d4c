// ListPolicies (Organizations API Reference): the policies of one type (Filter), the organization's and
// the AWS managed ones, by name.
import { operation } from '../api/index.ts';
import { authorizeOrg, managedOrganization } from './org-access.ts';
import { pageOf } from './org-pagination.ts';
import { maxResultsShape, nextTokenShape, policySummaryShape, policyTypeShape } from './org-shapes.ts';
import { policySummaryView } from './org-views.ts';
import { orgPolicyType } from './policy-lookup.ts';

const input = { type: 'structure', members: { Filter: policyTypeShape, NextToken: nextTokenShape, MaxResults: maxResultsShape }, required: ['Filter'] } as const;
const output = { type: 'structure', members: { Policies: { type: 'list', member: policySummaryShape }, NextToken: nextTokenShape } } as const;

export const listPolicies = operation({
  name: 'ListPolicies',
  input,
  output,
  readOnly: true,
  async run(ctx, request) {
    authorizeOrg(ctx, { action: 'organizations:ListPolicies', resource: '*', context: { 'organizations:PolicyType': request.Filter } });
    const organization = await managedOrganization(ctx);
    const type = orgPolicyType(request.Filter);
    const policies = type === undefined ? [] : await ctx.store.orgPolicies.list(organization.id, type);
    const page = pageOf(policies, `policies:${organization.id}:${request.Filter}`, request);
    return { Policies: page.items.map((p) => policySummaryView(p, organization)), ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}) };
  },
});
