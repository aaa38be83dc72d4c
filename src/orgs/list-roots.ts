// ListRoots (Organizations API Reference): the organization's one root with the policy types enabled on it.
import { operation } from '../api/index.ts';
import { authorizeOrg, managedOrganization } from './org-access.ts';
import { pageOf } from './org-pagination.ts';
import { maxResultsShape, nextTokenShape, rootShape } from './org-shapes.ts';
import { rootView } from './org-views.ts';

const input = { type: 'structure', members: { NextToken: nextTokenShape, MaxResults: maxResultsShape } } as const;
const output = { type: 'structure', members: { Roots: { type: 'list', member: rootShape }, NextToken: nextTokenShape } } as const;

export const listRoots = operation({
  name: 'ListRoots',
  input,
  output,
  readOnly: true,
  async run(ctx, request) {
    authorizeOrg(ctx, { action: 'organizations:ListRoots', resource: '*' });
    const organization = await managedOrganization(ctx);
    const page = pageOf([rootView(organization)], `roots:${organization.id}`, request);
    return { Roots: page.items, ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}) };
  },
});
