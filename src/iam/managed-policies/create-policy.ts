// CreatePolicy (IAM API Reference): a customer managed policy with its first version, v1, as the
// default. The document must say Version 2012-10-17 and fit 6,144 characters ("IAM and AWS STS
// quotas"); names are unique per account without regard to case.
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { newUniqueId } from '../../identity/index.ts';
import { StoreConflict } from '../../store/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { managedPolicyArn } from '../entities/managed-policies.ts';
import { checkManagedDocument } from '../policy-documents.ts';
import { POLICY_DESCRIPTION, POLICY_DOCUMENT, POLICY_NAME, POLICY_PATH, TAGS } from '../shapes/common.ts';
import { POLICY, policyOutput } from '../shapes/managed-policy.ts';
import { authorizeCreate } from '../tags/authorize-create.ts';
import { TAG_KEY_CASE, tagsOfInput } from '../tags/tag-list.ts';

const input = {
  type: 'structure',
  members: { PolicyName: POLICY_NAME, Path: POLICY_PATH, PolicyDocument: POLICY_DOCUMENT, Description: POLICY_DESCRIPTION, Tags: TAGS },
  required: ['PolicyName', 'PolicyDocument'],
} as const;
const output = { type: 'structure', members: { Policy: POLICY } } as const;

export const createPolicy = operation({
  name: 'CreatePolicy',
  input,
  output,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const path = req.Path ?? '/';
    const arn = managedPolicyArn(accountId, path, req.PolicyName);
    const tags = tagsOfInput(req.Tags, TAG_KEY_CASE.Policy);
    authorizeCreate(ctx, { create: 'iam:CreatePolicy', tag: 'iam:TagPolicy' }, arn, tags);
    checkManagedDocument(req.PolicyDocument);
    const policy = await ctx.store.transaction(async (tx) => {
      const inserted = await tx.managedPolicies.insert(
        {
          arn,
          accountId,
          name: req.PolicyName,
          path,
          policyId: newUniqueId('ANPA'),
          defaultVersionId: 'v1',
          description: req.Description,
          tags,
          isAttachable: true,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        },
        { policyArn: arn, versionId: 'v1', document: req.PolicyDocument, createdAt: ctx.now },
      );
      if (inserted instanceof StoreConflict) {
        throw awsError('EntityAlreadyExists', `A policy called ${req.PolicyName} already exists. Duplicate names are not allowed.`);
      }
      return inserted;
    });
    await ctx.refresh();
    ctx.audit.resources.push({ ARN: arn, type: 'AWS::IAM::ManagedPolicy', accountId });
    return { Policy: policyOutput(policy, { attachmentCount: 0, permissionsBoundaryUsageCount: 0 }, 'full') };
  },
  audit: {
    responseElements: (out) => ({ policy: { policyName: out.Policy?.PolicyName, policyId: out.Policy?.PolicyId, arn: out.Policy?.Arn } }),
  },
});
