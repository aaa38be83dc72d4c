// AttachPolicy (Organizations API Reference): a policy on the root, an OU or an account. Its type must
// be enabled on the root (PolicyTypeNotEnabledException); a target holds each policy once
// (DuplicatePolicyAttachmentException) and at most five of a type ("Quotas for AWS Organizations":
// "Maximum number of policies of a type attached to a root, OU, or account: 5").
import { operation } from '../api/index.ts';
import { StoreConflict } from '../store/index.ts';
import { authorizeOrg, managedOrganization } from './org-access.ts';
import { constraintViolation, duplicatePolicyAttachment, policyTypeNotEnabled, targetNotFound } from './org-errors.ts';
import { policyIdShape, targetIdShape } from './org-shapes.ts';
import { findTarget } from './org-targets.ts';
import { authorizedPolicy } from './policy-lookup.ts';

/** Policies of one type a target may hold. */
export const MAX_POLICIES_PER_TARGET = 5;

const input = { type: 'structure', members: { PolicyId: policyIdShape, TargetId: targetIdShape }, required: ['PolicyId', 'TargetId'] } as const;

export const attachPolicy = operation({
  name: 'AttachPolicy',
  input,
  readOnly: false,
  async run(ctx, request) {
    const organization = await managedOrganization(ctx);
    const policy = await authorizedPolicy(ctx, organization, request.PolicyId, 'organizations:AttachPolicy');
    const target = await findTarget(ctx.store, organization, request.TargetId);
    if (target === undefined) throw targetNotFound();
    authorizeOrg(ctx, { action: 'organizations:AttachPolicy', resource: target.Arn, context: { 'organizations:PolicyType': policy.type } });
    await ctx.store.transaction(async (tx) => {
      const current = await tx.organizations.get(organization.id);
      if (current === undefined || !current.enabledPolicyTypes.includes(policy.type)) throw policyTypeNotEnabled();
      const attached = (await tx.orgPolicies.attachedTo(target.TargetId)).filter((p) => p.type === policy.type);
      if (attached.some((p) => p.id === policy.id)) throw duplicatePolicyAttachment();
      if (attached.length >= MAX_POLICIES_PER_TARGET) throw constraintViolation('MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', `${target.TargetId} has ${attached.length}`);
      if ((await tx.orgPolicies.attach({ policyId: policy.id, targetId: target.TargetId })) instanceof StoreConflict) throw duplicatePolicyAttachment();
    });
    await ctx.refresh();
    return undefined;
  },
});
