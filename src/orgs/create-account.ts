// CreateAccount (Organizations API Reference): a new member account under the root, with the role
// RoleName (default OrganizationAccountAccessRole) that trusts the management account and has
// AdministratorAccess. AWS works asynchronously and answers IN_PROGRESS with a request ID; podiam has
// created the account by the time it answers, and DescribeCreateAccountStatus reports SUCCEEDED — or
// FAILED with EMAIL_ALREADY_EXISTS when another account has the address ("CreateAccountStatus",
// FailureReason). New accounts get the full-access policy of every enabled policy type, as AWS attaches
// FullAWSAccess to accounts that join an organization with SCPs enabled.
import { awsError } from '../aws/index.ts';
import { operation } from '../api/index.ts';
import { StoreConflict, type Account } from '../store/index.ts';
import { fullAccessPolicy } from './aws-managed-policies.ts';
import { createAccountRequestId, type FailedAccountRequests } from './create-account-status.ts';
import { DEFAULT_MEMBER_ROLE_NAME, createMemberAccessRole } from './member-access-role.ts';
import { authorizeOrg, managedOrganization } from './org-access.ts';
import { newAccountId } from './org-ids.ts';
import { createAccountStatusShape, emailShape, tagsShape } from './org-shapes.ts';

const input = {
  type: 'structure',
  members: {
    Email: emailShape,
    AccountName: { type: 'string', min: 1, max: 50, pattern: '[\\u0020-\\u007E]+' },
    RoleName: { type: 'string', max: 64, pattern: '[\\w+=,.@-]{1,64}' },
    IamUserAccessToBilling: { type: 'string', enum: ['ALLOW', 'DENY'] },
    Tags: tagsShape,
  },
  required: ['Email', 'AccountName'],
} as const;
const output = { type: 'structure', members: { CreateAccountStatus: createAccountStatusShape } } as const;

// Organizations CloudTrail events show the new account's e-mail address and name masked.
const MASKED = '****';

/** CreateAccount, remembering failed requests in `failures`. */
export function createAccount(deps: { readonly failures: FailedAccountRequests }) {
  return operation({
    name: 'CreateAccount',
    input,
    output,
    readOnly: false,
    async run(ctx, request) {
      const tags = request.Tags ?? [];
      authorizeOrg(ctx, {
        action: 'organizations:CreateAccount',
        resource: '*',
        context: {
          ...Object.fromEntries(tags.map((t) => [`aws:RequestTag/${t.Key}`, t.Value])),
          ...(tags.length > 0 ? { 'aws:TagKeys': tags.map((t) => t.Key) } : {}),
        },
      });
      const organization = await managedOrganization(ctx);
      const created = await ctx.store.transaction(async (tx): Promise<Account | undefined> => {
        const email = request.Email.toLowerCase();
        if ((await tx.accounts.all()).some((a) => a.email.toLowerCase() === email)) return undefined;
        let account: Account | StoreConflict = new StoreConflict('account', '');
        for (let attempt = 0; attempt < 5 && account instanceof StoreConflict; attempt += 1) {
          account = await tx.accounts.insert({
            id: newAccountId(),
            name: request.AccountName,
            email: request.Email,
            organizationId: organization.id,
            parentId: organization.rootId,
            status: 'ACTIVE',
            joinedMethod: 'CREATED',
            createdAt: ctx.now,
          });
        }
        if (account instanceof StoreConflict) throw awsError('ServiceException', 'AWS Organizations can\'t complete your request because of an internal service error. Try again later.');
        for (const type of organization.enabledPolicyTypes) await tx.orgPolicies.attach({ policyId: fullAccessPolicy(type).id, targetId: account.id });
        await createMemberAccessRole(tx, {
          accountId: account.id,
          roleName: request.RoleName ?? DEFAULT_MEMBER_ROLE_NAME,
          managementAccountId: organization.managementAccountId,
          now: ctx.now,
        });
        return account;
      });
      if (created === undefined) {
        const failed = deps.failures.add(organization.id, request.AccountName, 'EMAIL_ALREADY_EXISTS', ctx.now);
        return { CreateAccountStatus: { Id: failed.Id, AccountName: request.AccountName, State: 'IN_PROGRESS' as const, RequestedTimestamp: ctx.now } };
      }
      await ctx.refresh();
      return {
        CreateAccountStatus: { Id: createAccountRequestId(created), AccountName: created.name, State: 'IN_PROGRESS' as const, RequestedTimestamp: created.createdAt },
      };
    },
    audit: {
      requestParameters: (request) => ({
        email: MASKED,
        accountName: MASKED,
        ...(request.RoleName !== undefined ? { roleName: request.RoleName } : {}),
        ...(request.IamUserAccessToBilling !== undefined ? { iamUserAccessToBilling: request.IamUserAccessToBilling } : {}),
        ...(request.Tags !== undefined ? { tags: request.Tags } : {}),
      }),
      responseElements: (out) => ({
        createAccountStatus: {
          id: out.CreateAccountStatus?.Id,
          state: out.CreateAccountStatus?.State,
          accountName: MASKED,
          requestedTimestamp: out.CreateAccountStatus?.RequestedTimestamp,
        },
      }),
    },
  });
}
