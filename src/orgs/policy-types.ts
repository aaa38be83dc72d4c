// EnablePolicyType and DisablePolicyType (Organizations API Reference) for SCPs and RCPs on the root.
// Enabling attaches the type's AWS managed full-access policy (FullAWSAccess, RCPFullAWSAccess) to the
// root and to every OU and account, as AWS does, so nothing is denied until a customer policy says so;
// disabling detaches every policy of the type from every target ("Disabling a policy type": "all
// policies of that type are automatically detached").
import { operation } from '../api/index.ts';
import type { CallContext } from '../api/index.ts';
import type { Organization, OrgPolicyType } from '../store/index.ts';
import { ensureAwsManagedPolicies, fullAccessPolicy } from './aws-managed-policies.ts';
import { authorizeOrg, managedOrganization } from './org-access.ts';
import { rootArn } from './org-arns.ts';
import { policyTypeAlreadyEnabled, policyTypeNotAvailable, policyTypeNotEnabled, rootNotFound, unsupportedPolicyType } from './org-errors.ts';
import { policyTypeShape, rootIdShape, rootShape } from './org-shapes.ts';
import { allTargets } from './org-targets.ts';
import { rootView } from './org-views.ts';
import { orgPolicyType } from './policy-lookup.ts';

const input = { type: 'structure', members: { RootId: rootIdShape, PolicyType: policyTypeShape }, required: ['RootId', 'PolicyType'] } as const;
const output = { type: 'structure', members: { Root: rootShape } } as const;

/** The checks both share: the organization, authorization on the root, the root, the type. */
async function rootAndType(ctx: CallContext, action: string, request: { RootId: string; PolicyType: string }): Promise<{ organization: Organization; type: OrgPolicyType }> {
  const organization = await managedOrganization(ctx);
  authorizeOrg(ctx, {
    action,
    resource: rootArn(organization.managementAccountId, organization.id, request.RootId),
    context: { 'organizations:PolicyType': request.PolicyType },
  });
  if (request.RootId !== organization.rootId) throw rootNotFound();
  const type = orgPolicyType(request.PolicyType);
  if (type === undefined) throw unsupportedPolicyType(request.PolicyType);
  if (organization.featureSet !== 'ALL') throw policyTypeNotAvailable();
  return { organization, type };
}

export const enablePolicyType = operation({
  name: 'EnablePolicyType',
  input,
  output,
  readOnly: false,
  async run(ctx, request) {
    const { organization, type } = await rootAndType(ctx, 'organizations:EnablePolicyType', request);
    const updated = await ctx.store.transaction(async (tx) => {
      const current = (await tx.organizations.get(organization.id)) ?? organization;
      if (current.enabledPolicyTypes.includes(type)) throw policyTypeAlreadyEnabled();
      await ensureAwsManagedPolicies(tx);
      const full = fullAccessPolicy(type);
      for (const target of await allTargets(tx, current)) await tx.orgPolicies.attach({ policyId: full.id, targetId: target.TargetId });
      return (await tx.organizations.update(current.id, { enabledPolicyTypes: [...current.enabledPolicyTypes, type] })) ?? current;
    });
    await ctx.refresh();
    return { Root: rootView(updated) };
  },
  audit: { responseElements: (out) => out },
});

export const disablePolicyType = operation({
  name: 'DisablePolicyType',
  input,
  output,
  readOnly: false,
  async run(ctx, request) {
    const { organization, type } = await rootAndType(ctx, 'organizations:DisablePolicyType', request);
    const updated = await ctx.store.transaction(async (tx) => {
      const current = (await tx.organizations.get(organization.id)) ?? organization;
      if (!current.enabledPolicyTypes.includes(type)) throw policyTypeNotEnabled();
      for (const target of await allTargets(tx, current)) {
        for (const policy of await tx.orgPolicies.attachedTo(target.TargetId)) {
          if (policy.type === type) await tx.orgPolicies.detach({ policyId: policy.id, targetId: target.TargetId });
        }
      }
      return (await tx.organizations.update(current.id, { enabledPolicyTypes: current.enabledPolicyTypes.filter((t) => t !== type) })) ?? current;
    });
    await ctx.refresh();
    return { Root: rootView(updated) };
  },
  audit: { responseElements: (out) => out },
});
