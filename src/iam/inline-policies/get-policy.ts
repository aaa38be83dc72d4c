// Get{Role,User,Group}Policy (IAM API Reference): an inline policy's document, URL-encoded.
import { awsError, encodePolicyDocument } from '../../aws/index.ts';
import { operation, type Operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { keyedStructure } from '../shapes/keyed-structure.ts';
import type { PolicyHolder } from '../principals/policy-holders.ts';
import { POLICY_DOCUMENT, POLICY_NAME } from '../shapes/common.ts';

/** NoSuchEntity for an inline policy name: "The role policy with name X cannot be found." */
export function noSuchInlinePolicy(holder: PolicyHolder, name: string): Error {
  return awsError('NoSuchEntity', `The ${holder.principalType} policy with name ${name} cannot be found.`);
}

/** The Get{X}Policy operation of a kind of identity. */
export function getInlinePolicy(holder: PolicyHolder): Operation {
  return operation({
    name: `Get${holder.noun}Policy`,
    input: keyedStructure({ [holder.keyMember]: holder.keyShape, PolicyName: POLICY_NAME }, [holder.keyMember, 'PolicyName']),
    output: keyedStructure({ [holder.keyMember]: holder.keyShape, PolicyName: POLICY_NAME, PolicyDocument: POLICY_DOCUMENT }),
    readOnly: true,
    async run(ctx, req) {
      const entity = await holder.find(ctx, ctx.store, callerAccount(ctx), `iam:Get${holder.noun}Policy`, String(req[holder.keyMember]));
      const policyName = String(req['PolicyName']);
      const policy = await ctx.store.inlinePolicies.get(entity.id, policyName);
      if (policy === undefined) throw noSuchInlinePolicy(holder, policyName);
      return { [holder.keyMember]: entity.name, PolicyName: policy.policyName, PolicyDocument: encodePolicyDocument(policy.document) };
    },
  });
}
