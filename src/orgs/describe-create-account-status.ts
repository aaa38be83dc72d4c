// DescribeCreateAccountStatus (Organizations API Reference): the status of a CreateAccount request of
// the caller's organization; an ID it did not issue is CreateAccountStatusNotFoundException.
import { operation } from '../api/index.ts';
import { accountIdOfRequest, isRequestOf, succeededStatus, type FailedAccountRequests } from './create-account-status.ts';
import { authorizeOrg, managedOrganization } from './org-access.ts';
import { createAccountStatusNotFound } from './org-errors.ts';
import { createAccountRequestIdShape, createAccountStatusShape } from './org-shapes.ts';

const input = { type: 'structure', members: { CreateAccountRequestId: createAccountRequestIdShape }, required: ['CreateAccountRequestId'] } as const;
const output = { type: 'structure', members: { CreateAccountStatus: createAccountStatusShape } } as const;

/** DescribeCreateAccountStatus, answering failed requests from `failures`. */
export function describeCreateAccountStatus(deps: { readonly failures: FailedAccountRequests }) {
  return operation({
    name: 'DescribeCreateAccountStatus',
    input,
    output,
    readOnly: true,
    async run(ctx, request) {
      authorizeOrg(ctx, { action: 'organizations:DescribeCreateAccountStatus', resource: '*' });
      const organization = await managedOrganization(ctx);
      const id = request.CreateAccountRequestId;
      const failed = deps.failures.get(organization.id, id);
      if (failed !== undefined) return { CreateAccountStatus: failed };
      const accountId = accountIdOfRequest(id);
      const account = accountId === undefined ? undefined : await ctx.store.accounts.get(accountId);
      if (account === undefined || account.organizationId !== organization.id || !isRequestOf(id, account)) throw createAccountStatusNotFound();
      return { CreateAccountStatus: succeededStatus(account) };
    },
  });
}
