// AssumeRole (STS API Reference; IAM User Guide, "Policy evaluation logic" and "Cross-account policy
// evaluation logic"): a signed caller asks for a session of a role. The role's trust policy must allow
// the caller, and — unless the trust policy names the caller itself within the role's account — the
// caller's identity policies must allow `sts:AssumeRole` on the role (the policy engine decides both,
// same- and cross-account). Passing tags needs `sts:TagSession`, setting a source identity
// `sts:SetSourceIdentity`, from both sides. A caller that is itself a role session is role chaining:
// at most one hour, its transitive tags and source identity carried over. The account root cannot
// assume roles ("Roles may not be assumed by root accounts.", IAM User Guide, "Methods to assume a role").
import { awsError } from '../aws/index.ts';
import { operation } from '../api/index.ts';
import type { ContextValue } from '../policy/index.ts';
import { refuseMfa } from './mfa.ts';
import { checkPackedSize, packedSize } from './packed-policy-size.ts';
import type { RoleUseRecorder } from './role-last-used.ts';
import { findRole, requestRoleArn, roleSessionIdentity } from './role-session.ts';
import { noteRoleResource, sessionRequestParameters, sessionResponseElements } from './session-audit.ts';
import { roleSessionDuration } from './session-duration.ts';
import { readSessionPolicies, sessionPolicyClaims } from './session-policies.ts';
import { requestedSessionTags } from './session-tags.ts';
import { sessionSourceIdentity } from './source-identity.ts';
import {
  ARN,
  ASSUMED_ROLE_USER,
  CREDENTIALS,
  POLICY_ARNS,
  ROLE_DURATION_SECONDS,
  ROLE_SESSION_NAME,
  SERIAL_NUMBER,
  SOURCE_IDENTITY,
  TAG_KEYS,
  TAGS,
  TOKEN_CODE,
} from './sts-shapes.ts';
import { issueCredentials } from './temporary-credentials.ts';

const input = {
  type: 'structure',
  members: {
    RoleArn: ARN,
    RoleSessionName: ROLE_SESSION_NAME,
    PolicyArns: POLICY_ARNS,
    // `unrestrictedSessionPolicyDocumentType`: the 2,048-character limit is checked with the policy.
    Policy: { type: 'string', min: 1, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' },
    DurationSeconds: ROLE_DURATION_SECONDS,
    Tags: TAGS,
    TransitiveTagKeys: TAG_KEYS,
    ExternalId: { type: 'string', min: 2, max: 1224, pattern: '[\\w+=,.@:\\/-]*' },
    SerialNumber: SERIAL_NUMBER,
    TokenCode: TOKEN_CODE,
    SourceIdentity: SOURCE_IDENTITY,
  },
  required: ['RoleArn', 'RoleSessionName'],
} as const;

const output = {
  type: 'structure',
  members: {
    Credentials: CREDENTIALS,
    AssumedRoleUser: ASSUMED_ROLE_USER,
    PackedPolicySize: { type: 'integer' },
    SourceIdentity: SOURCE_IDENTITY,
  },
  required: ['Credentials', 'AssumedRoleUser'],
} as const;

/** The AssumeRole operation. */
export function assumeRole(deps: { readonly roleUse: RoleUseRecorder }) {
  return operation({
    name: 'AssumeRole',
    input,
    output,
    readOnly: true,
    async run(ctx, req) {
      const caller = ctx.requireCaller();
      const roleArn = requestRoleArn(req.RoleArn);
      if (caller.principal.type === 'Root') throw awsError('AccessDenied', 'Roles may not be assumed by root accounts.');
      refuseMfa(req.SerialNumber, req.TokenCode);
      const chained = caller.principal.type === 'AssumedRole';
      const tags = requestedSessionTags(req.Tags, req.TransitiveTagKeys, caller.session);
      const sourceIdentity = sessionSourceIdentity(req.SourceIdentity, caller.session?.si);

      const role = findRole(ctx.snapshot, roleArn);
      const resource = role?.arn ?? roleArn.arn;
      const context: Record<string, ContextValue> = {
        ...tags.context,
        'sts:RoleSessionName': req.RoleSessionName,
        ...(req.ExternalId !== undefined ? { 'sts:ExternalId': req.ExternalId } : {}),
        ...(sourceIdentity !== undefined ? { 'sts:SourceIdentity': sourceIdentity } : {}),
      };
      // A role that does not exist is refused exactly as one whose trust policy does not allow.
      const query = {
        resource,
        resourceAccount: roleArn.accountId,
        ...(role?.trust !== undefined ? { resourcePolicy: role.trust } : {}),
        resourcePolicyRequired: true,
        context,
      };
      ctx.authorize({ action: 'sts:AssumeRole', ...query });
      if (tags.requested) ctx.authorize({ action: 'sts:TagSession', ...query });
      if (sourceIdentity !== undefined) ctx.authorize({ action: 'sts:SetSourceIdentity', ...query });
      if (role === undefined) {
        throw awsError('AccessDenied', `User: ${caller.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${resource}`);
      }
      noteRoleResource(ctx.audit, role.arn, role.role.accountId);

      const duration = roleSessionDuration(req.DurationSeconds, role.role.maxSessionDuration, chained);
      const policies = readSessionPolicies(ctx.snapshot, role.role.accountId, req.Policy, req.PolicyArns);
      const passesPackedInput = policies.inline !== undefined || policies.arns.length > 0 || Object.keys(tags.tags).length > 0;
      const packed = passesPackedInput ? checkPackedSize(packedSize(policies.inline, policies.arns, tags.tags)) : undefined;

      const identity = roleSessionIdentity(role, req.RoleSessionName);
      const credentials = issueCredentials(ctx.keyring, ctx.now, duration, {
        p: identity.principal,
        via: 'AssumeRole',
        ...sessionPolicyClaims(policies),
        ...(Object.keys(tags.tags).length > 0 ? { tags: tags.tags } : {}),
        ...(tags.transitiveTagKeys.length > 0 ? { ttk: tags.transitiveTagKeys } : {}),
        ...(sourceIdentity !== undefined ? { si: sourceIdentity } : {}),
        ...(chained ? { chain: true } : {}),
      });
      deps.roleUse.note(ctx.store, role.role.roleId, ctx.now, ctx.region);
      return {
        Credentials: credentials,
        AssumedRoleUser: { AssumedRoleId: identity.AssumedRoleId, Arn: identity.Arn },
        ...(packed !== undefined ? { PackedPolicySize: packed } : {}),
        ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}),
      };
    },
    audit: {
      requestParameters: (req) => ({
        ...sessionRequestParameters(req),
        ...(req.ExternalId !== undefined ? { externalId: req.ExternalId } : {}),
        ...(req.Tags !== undefined ? { tags: req.Tags.map((t) => ({ key: t.Key, value: t.Value })) } : {}),
        ...(req.TransitiveTagKeys !== undefined ? { transitiveTagKeys: req.TransitiveTagKeys } : {}),
        ...(req.SourceIdentity !== undefined ? { sourceIdentity: req.SourceIdentity } : {}),
        ...(req.SerialNumber !== undefined ? { serialNumber: req.SerialNumber } : {}),
      }),
      responseElements: (out) => sessionResponseElements(out),
    },
  });
}
