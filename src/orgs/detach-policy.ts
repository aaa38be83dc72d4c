// DetachPolicy (Organizations API Reference): takes a policy off a target. Every root, OU and account
// must keep at least one SCP while SCPs are enabled, and RCPFullAWSAccess cannot be taken off
// (ConstraintViolationException, reason MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED).
import { operation } from '../api/index.ts';
import { fullAccessPolicy } from './aws-managed-policies.ts';
import { authorizeOrg, managedOrganization } from './org-access.ts';
import { constraintViolation, policyNotAttached, targetNotFound } from './org-errors.ts';
import { policyIdShape, targetIdShape } from './org-shapes.ts';
import { findTarget } from './org-targets.ts';
import { authorizedPolicy } from './policy-lookup.ts';

const input = { type: 'structure', members: { PolicyId: policyIdShape, TargetId: targetIdShape }, required: ['PolicyId', 'TargetId'] } as const;

export const detachPolicy = operation({
  name: 'DetachPolicy',
  input,
  readOnly: false,
  async run(ctx, request) {
    const organization = await managedOrganization(ctx);
    const policy = await authorizedPolicy(ctx, organization, request.PolicyId, 'organizations:DetachPolicy');
    const target = await findTarget(ctx.store, organization, request.TargetId);
    if (target === undefined) throw targetNotFound();
    authorizeOrg(ctx, { action: 'organizations:DetachPolicy', resource: target.Arn, context: { 'organizations:PolicyType': policy.type } });
    await ctx.store.transaction(async (tx) => {
      const attached = (await tx.orgPolicies.attachedTo(target.TargetId)).filter((p) => p.type === policy.type);
      if (!attached.some((p) => p.id === policy.id)) throw policyNotAttached();
      const lastScp = policy.type === 'SERVICE_CONTROL_POLICY' && attached.length === 1;
      const rcpFullAccess = policy.id === fullAccessPolicy('RESOURCE_CONTROL_POLICY').id;
      if (lastScp || rcpFullAccess) throw constraintViolation('MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', `${policy.id} on ${target.TargetId}`);
      await tx.orgPolicies.detach({ policyId: policy.id, targetId: target.TargetId });
    });
    await ctx.refresh();
    return undefined;
  },
});
