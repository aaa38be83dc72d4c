// ListPoliciesForTarget (Organizations API Reference): the policies of one type attached directly to a
// root, OU or account.
import { operation } from '../api/index.ts';
import { authorizeOrg, managedOrganization } from './org-access.ts';
import { targetNotFound } from './org-errors.ts';
import { pageOf } from './org-pagination.ts';
import { maxResultsShape, nextTokenShape, policySummaryShape, policyTypeShape, targetIdShape } from './org-shapes.ts';
import { findTarget } from './org-targets.ts';
import { policySummaryView } from './org-views.ts';

const input = {
  type: 'structure',
  members: { TargetId: targetIdShape, Filter: policyTypeShape, NextToken: nextTokenShape, MaxResults: maxResultsShape },
  required: ['TargetId', 'Filter'],
} as const;
const output = { type: 'structure', members: { Policies: { type: 'list', member: policySummaryShape }, NextToken: nextTokenShape } } as const;

export const listPoliciesForTarget = operation({
  name: 'ListPoliciesForTarget',
  input,
  output,
  readOnly: true,
  async run(ctx, request) {
    const organization = await managedOrganization(ctx);
    const context = { 'organizations:PolicyType': request.Filter };
    const target = await findTarget(ctx.store, organization, request.TargetId);
    if (target === undefined) {
      authorizeOrg(ctx, { action: 'organizations:ListPoliciesForTarget', resource: '*', context });
      throw targetNotFound();
    }
    authorizeOrg(ctx, { action: 'organizations:ListPoliciesForTarget', resource: target.Arn, context });
    const policies = (await ctx.store.orgPolicies.attachedTo(target.TargetId)).filter((p) => p.type === request.Filter);
    const page = pageOf(policies, `target-policies:${target.TargetId}:${request.Filter}`, request);
    return { Policies: page.items.map((p) => policySummaryView(p, organization)), ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}) };
  },
});
