// ListCreateAccountStatus (Organizations API Reference): the CreateAccount requests of the organization,
// optionally only those in the given States, oldest first.
import { operation } from '../api/index.ts';
import { succeededStatus, type CreateAccountStatusView, type FailedAccountRequests } from './create-account-status.ts';
import { authorizeOrg, managedOrganization } from './org-access.ts';
import { pageOf } from './org-pagination.ts';
import { createAccountStatusShape, maxResultsShape, nextTokenShape } from './org-shapes.ts';

const input = {
  type: 'structure',
  members: {
    States: { type: 'list', member: { type: 'string', enum: ['IN_PROGRESS', 'SUCCEEDED', 'FAILED'] } },
    NextToken: nextTokenShape,
    MaxResults: maxResultsShape,
  },
} as const;
const output = {
  type: 'structure',
  members: { CreateAccountStatuses: { type: 'list', member: createAccountStatusShape }, NextToken: nextTokenShape },
} as const;

/** ListCreateAccountStatus, with the failed requests of `failures`. */
export function listCreateAccountStatus(deps: { readonly failures: FailedAccountRequests }) {
  return operation({
    name: 'ListCreateAccountStatus',
    input,
    output,
    readOnly: true,
    async run(ctx, request) {
      authorizeOrg(ctx, { action: 'organizations:ListCreateAccountStatus', resource: '*' });
      const organization = await managedOrganization(ctx);
      const created = (await ctx.store.accounts.all()).filter(
        (a) => a.organizationId === organization.id && a.joinedMethod === 'CREATED' && a.id !== organization.managementAccountId,
      );
      const states = request.States;
      const statuses: CreateAccountStatusView[] = [...created.map(succeededStatus), ...deps.failures.all(organization.id)]
        .filter((s) => states === undefined || states.length === 0 || states.includes(s.State))
        .sort((a, b) => a.RequestedTimestamp.getTime() - b.RequestedTimestamp.getTime() || a.Id.localeCompare(b.Id));
      const page = pageOf(statuses, `create-account-status:${organization.id}:${(states ?? []).join(',')}`, request);
      return { CreateAccountStatuses: page.items, ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}) };
    },
  });
}
