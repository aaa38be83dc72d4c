// CreatePolicyVersion (IAM API Reference): a new version of a customer managed policy, optionally made
// the default. A policy keeps at most five versions ("IAM and AWS STS quotas").
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { StoreConflict } from '../../store/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedPolicy, customerPolicy } from '../entities/managed-policies.ts';
import { checkManagedDocument } from '../policy-documents.ts';
import { ARN, POLICY_DOCUMENT } from '../shapes/common.ts';
import { POLICY_VERSION, policyVersionOutput } from '../shapes/managed-policy.ts';

const input = {
  type: 'structure',
  members: { PolicyArn: ARN, PolicyDocument: POLICY_DOCUMENT, SetAsDefault: { type: 'boolean' } },
  required: ['PolicyArn', 'PolicyDocument'],
} as const;
const output = { type: 'structure', members: { PolicyVersion: POLICY_VERSION } } as const;

const MAX_VERSIONS = 5;

/** The number of a version ID (`v12` is 12). */
export function versionNumber(versionId: string): number {
  return Number.parseInt(versionId.slice(1), 10);
}

export const createPolicyVersion = operation({
  name: 'CreatePolicyVersion',
  input,
  output,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const result = await ctx.store.transaction(async (tx) => {
      const policy = customerPolicy(await authorizedPolicy(ctx, tx, accountId, 'iam:CreatePolicyVersion', req.PolicyArn));
      checkManagedDocument(req.PolicyDocument);
      const versions = await tx.managedPolicies.listVersions(policy.arn);
      if (versions.length >= MAX_VERSIONS) {
        throw awsError(
          'LimitExceeded',
          'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
        );
      }
      // IAM never gives a version number out twice: after v5 is deleted, the next one is v6.
      const next = Math.max(policy.lastVersionNumber ?? 0, ...versions.map((v) => versionNumber(v.versionId))) + 1;
      const version = await tx.managedPolicies.insertVersion({ policyArn: policy.arn, versionId: `v${next}`, document: req.PolicyDocument, createdAt: ctx.now });
      if (version instanceof StoreConflict) throw awsError('ConcurrentModification', 'The policy was changed by another request; retry.');
      const isDefault = req.SetAsDefault === true;
      await tx.managedPolicies.update(policy.arn, { updatedAt: ctx.now, lastVersionNumber: next, ...(isDefault ? { defaultVersionId: version.versionId } : {}) });
      return { version, defaultVersionId: isDefault ? version.versionId : policy.defaultVersionId };
    });
    await ctx.refresh();
    return { PolicyVersion: policyVersionOutput(result.version, result.defaultVersionId, false) };
  },
});
