// CreateOrganization (Organizations API Reference): the caller's account becomes the management account
// of a new organization with one root; FeatureSet ALL unless CONSOLIDATED_BILLING is asked for. No
// policy type is enabled on the root yet (EnablePolicyType does that).
import { awsError } from '../aws/index.ts';
import { operation } from '../api/index.ts';
import { StoreConflict } from '../store/index.ts';
import { ensureAwsManagedPolicies } from './aws-managed-policies.ts';
import { authorizeOrg, callerAccountId } from './org-access.ts';
import { accessDenied, alreadyInOrganization } from './org-errors.ts';
import { newOrganizationId, newRootId } from './org-ids.ts';
import { organizationShape } from './org-shapes.ts';
import { organizationView } from './org-views.ts';

const input = { type: 'structure', members: { FeatureSet: { type: 'string', enum: ['ALL', 'CONSOLIDATED_BILLING'] } } } as const;
const output = { type: 'structure', members: { Organization: organizationShape } } as const;

export const createOrganization = operation({
  name: 'CreateOrganization',
  input,
  output,
  readOnly: false,
  async run(ctx, request) {
    authorizeOrg(ctx, { action: 'organizations:CreateOrganization', resource: '*' });
    const accountId = callerAccountId(ctx);
    const created = await ctx.store.transaction(async (tx) => {
      const account = await tx.accounts.get(accountId);
      if (account === undefined) throw accessDenied(`account ${accountId} is not in the store`);
      if (account.organizationId !== undefined || (await tx.organizations.getByManagementAccount(accountId)) !== undefined) throw alreadyInOrganization();
      await ensureAwsManagedPolicies(tx);
      const organization = await tx.organizations.insert({
        id: newOrganizationId(),
        managementAccountId: accountId,
        featureSet: request.FeatureSet ?? 'ALL',
        rootId: newRootId(),
        rootName: 'Root',
        enabledPolicyTypes: [],
        createdAt: ctx.now,
      });
      if (organization instanceof StoreConflict) throw awsError('ConcurrentModificationException', 'The target of the operation is currently being modified by a different request. Try again later.');
      await tx.accounts.update(accountId, { organizationId: organization.id, parentId: organization.rootId, joinedMethod: 'INVITED' });
      return { organization, email: account.email };
    });
    await ctx.refresh();
    return { Organization: organizationView(created.organization, created.email) };
  },
  audit: { responseElements: (out) => out },
});
