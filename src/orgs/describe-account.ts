// DescribeAccount (Organizations API Reference): an account of the organization, authorised on its
// ARN (Service Authorization Reference, resource type `account`).
import { operation } from '../api/index.ts';
import { authorizeOrg, managedOrganization } from './org-access.ts';
import { accountArn } from './org-arns.ts';
import { accountNotFound } from './org-errors.ts';
import { accountIdShape, accountShape } from './org-shapes.ts';
import { accountView } from './org-views.ts';

const input = { type: 'structure', members: { AccountId: accountIdShape }, required: ['AccountId'] } as const;
const output = { type: 'structure', members: { Account: accountShape } } as const;

export const describeAccount = operation({
  name: 'DescribeAccount',
  input,
  output,
  readOnly: true,
  async run(ctx, request) {
    const organization = await managedOrganization(ctx);
    authorizeOrg(ctx, { action: 'organizations:DescribeAccount', resource: accountArn(organization.managementAccountId, organization.id, request.AccountId) });
    const account = await ctx.store.accounts.get(request.AccountId);
    if (account === undefined || account.organizationId !== organization.id) throw accountNotFound();
    return { Account: accountView(account, organization) };
  },
});
