// The `Policy` and `PolicyVersion` structures of the managed policy operations, and their one
// serialisation. ListPolicies leaves out Description and Tags (IAM API Reference, "ListPolicies");
// version documents are URL-encoded as IAM returns them.
import { encodePolicyDocument } from '../../aws/index.ts';
import type { ManagedPolicy, PolicyVersion } from '../../store/index.ts';
import { tagsOutput } from '../tags/tag-list.ts';
import { ARN, POLICY_DESCRIPTION, POLICY_DOCUMENT, POLICY_NAME, POLICY_PATH, POLICY_VERSION_ID, TAGS } from './common.ts';

export const POLICY = {
  type: 'structure',
  members: {
    PolicyName: POLICY_NAME,
    PolicyId: { type: 'string' },
    Arn: ARN,
    Path: POLICY_PATH,
    DefaultVersionId: POLICY_VERSION_ID,
    AttachmentCount: { type: 'integer' },
    PermissionsBoundaryUsageCount: { type: 'integer' },
    IsAttachable: { type: 'boolean' },
    Description: POLICY_DESCRIPTION,
    CreateDate: { type: 'timestamp' },
    UpdateDate: { type: 'timestamp' },
    Tags: TAGS,
  },
} as const;

export const POLICY_VERSION = {
  type: 'structure',
  members: {
    Document: POLICY_DOCUMENT,
    VersionId: POLICY_VERSION_ID,
    IsDefaultVersion: { type: 'boolean' },
    CreateDate: { type: 'timestamp' },
  },
} as const;

/** How many of the account's entities use the policy, as permissions and as a boundary. */
export interface PolicyUsage {
  readonly attachmentCount: number;
  readonly permissionsBoundaryUsageCount: number;
}

/** A policy as IAM returns it: `full` (GetPolicy, CreatePolicy) or `listed` (ListPolicies). */
export function policyOutput(policy: ManagedPolicy, usage: PolicyUsage, view: 'full' | 'listed') {
  const base = {
    PolicyName: policy.name,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: usage.attachmentCount,
    PermissionsBoundaryUsageCount: usage.permissionsBoundaryUsageCount,
    IsAttachable: policy.isAttachable,
    CreateDate: policy.createdAt,
    UpdateDate: policy.updatedAt,
  };
  if (view === 'listed') return base;
  return {
    ...base,
    ...(policy.description !== undefined ? { Description: policy.description } : {}),
    ...(policy.tags.length > 0 ? { Tags: tagsOutput(policy.tags) } : {}),
  };
}

/** A policy version as IAM returns it; `withDocument` false for ListPolicyVersions. */
export function policyVersionOutput(version: PolicyVersion, defaultVersionId: string, withDocument: boolean) {
  return {
    ...(withDocument ? { Document: encodePolicyDocument(version.document) } : {}),
    VersionId: version.versionId,
    IsDefaultVersion: version.versionId === defaultVersionId,
    CreateDate: version.createdAt,
  };
}
