// Who may call Organizations: IAM decides first (every action is authorised against the caller's
// policies as `organizations:<Action>`, Service Authorization Reference), then the organization: most
// actions "can be called only from the organization's management account" (Organizations API
// Reference); a member account's principals get AccessDeniedException, and an account in no
// organization gets AWSOrganizationsNotInUseException.
import { isAwsError } from '../aws/index.ts';
import type { CallContext } from '../api/index.ts';
import type { AuthorizationQuery } from '../identity/index.ts';
import type { Organization } from '../store/index.ts';
import { accessDenied, notInUse } from './org-errors.ts';

/** `ctx.authorize`, with IAM's AccessDenied as Organizations' AccessDeniedException. */
export function authorizeOrg(ctx: CallContext, query: AuthorizationQuery): void {
  try {
    ctx.authorize(query);
  } catch (err) {
    if (isAwsError(err) && err.code === 'AccessDenied') throw accessDenied(err.detail ?? err.message);
    throw err;
  }
}

/** The caller's account. */
export function callerAccountId(ctx: CallContext): string {
  const accountId = ctx.requireCaller().principal.accountId;
  if (accountId === undefined) throw accessDenied('caller has no account');
  return accountId;
}

/** The organization the caller's account belongs to, and whether it is its management account. */
export async function callerOrganization(ctx: CallContext): Promise<{ organization: Organization; isManagement: boolean } | undefined> {
  const accountId = callerAccountId(ctx);
  const managed = await ctx.store.organizations.getByManagementAccount(accountId);
  if (managed !== undefined) return { organization: managed, isManagement: true };
  const account = await ctx.store.accounts.get(accountId);
  if (account?.organizationId === undefined) return undefined;
  const organization = await ctx.store.organizations.get(account.organizationId);
  return organization === undefined ? undefined : { organization, isManagement: false };
}

/** The organization the caller manages; otherwise the error AWS gives. */
export async function managedOrganization(ctx: CallContext): Promise<Organization> {
  const found = await callerOrganization(ctx);
  if (found === undefined) throw notInUse();
  if (!found.isManagement) throw accessDenied(`account ${callerAccountId(ctx)} is a member, not the management account, of ${found.organization.id}`);
  return found.organization;
}
