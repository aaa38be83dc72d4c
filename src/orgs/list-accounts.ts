// ListAccounts (Organizations API Reference): the organization's accounts, the management account
// included, by account ID, in pages of MaxResults.
import { operation } from '../api/index.ts';
import { StoreInvalidMarker } from '../store/index.ts';
import { authorizeOrg, managedOrganization } from './org-access.ts';
import { invalidNextToken } from './org-errors.ts';
import { DEFAULT_MAX_RESULTS } from './org-pagination.ts';
import { accountShape, maxResultsShape, nextTokenShape } from './org-shapes.ts';
import { accountView } from './org-views.ts';

const input = { type: 'structure', members: { NextToken: nextTokenShape, MaxResults: maxResultsShape } } as const;
const output = { type: 'structure', members: { Accounts: { type: 'list', member: accountShape }, NextToken: nextTokenShape } } as const;

export const listAccounts = operation({
  name: 'ListAccounts',
  input,
  output,
  readOnly: true,
  async run(ctx, request) {
    authorizeOrg(ctx, { action: 'organizations:ListAccounts', resource: '*' });
    const organization = await managedOrganization(ctx);
    const page = await ctx.store.accounts.list({
      organizationId: organization.id,
      maxItems: request.MaxResults ?? DEFAULT_MAX_RESULTS,
      ...(request.NextToken !== undefined ? { marker: request.NextToken } : {}),
    });
    if (page instanceof StoreInvalidMarker) throw invalidNextToken();
    return {
      Accounts: page.items.map((a) => accountView(a, organization)),
      ...(page.marker !== undefined ? { NextToken: page.marker } : {}),
    };
  },
});
