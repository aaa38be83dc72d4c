// ListTargetsForPolicy (Organizations API Reference): the roots, OUs and accounts of the organization
// a policy is attached to (an AWS managed policy's attachments in other organizations are not shown).
import { operation } from '../api/index.ts';
import { managedOrganization } from './org-access.ts';
import { pageOf } from './org-pagination.ts';
import { maxResultsShape, nextTokenShape, policyIdShape, policyTargetSummaryShape } from './org-shapes.ts';
import { allTargets } from './org-targets.ts';
import { authorizedPolicy } from './policy-lookup.ts';

const input = { type: 'structure', members: { PolicyId: policyIdShape, NextToken: nextTokenShape, MaxResults: maxResultsShape }, required: ['PolicyId'] } as const;
const output = { type: 'structure', members: { Targets: { type: 'list', member: policyTargetSummaryShape }, NextToken: nextTokenShape } } as const;

export const listTargetsForPolicy = operation({
  name: 'ListTargetsForPolicy',
  input,
  output,
  readOnly: true,
  async run(ctx, request) {
    const organization = await managedOrganization(ctx);
    const policy = await authorizedPolicy(ctx, organization, request.PolicyId, 'organizations:ListTargetsForPolicy');
    const attached = new Set(await ctx.store.orgPolicies.targetsOf(policy.id));
    const targets = (await allTargets(ctx.store, organization)).filter((t) => attached.has(t.TargetId));
    const page = pageOf(targets, `policy-targets:${policy.id}`, request);
    return { Targets: page.items, ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}) };
  },
});
