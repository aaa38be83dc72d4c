// CreateRole (IAM API Reference): a role with its trust policy, checked by the engine's trust policy
// grammar and the 2,048-character quota; optional path, description, maximum session duration (one to
// twelve hours), permissions boundary (a managed policy that must exist) and tags (which need
// `iam:TagRole` as well). Names are unique per account without regard to case.
import { operation } from '../../api/index.ts';
import { newUniqueId, principalArn } from '../../identity/index.ts';
import { StoreConflict } from '../../store/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { roleAlreadyExists } from '../entities/roles.ts';
import { checkPolicyArn, policyNotAttachable, visiblePolicy } from '../entities/managed-policies.ts';
import { checkTrustDocument } from '../policy-documents.ts';
import { ARN, PATH, POLICY_DOCUMENT, ROLE_DESCRIPTION, ROLE_MAX_SESSION_DURATION, ROLE_NAME, TAGS } from '../shapes/common.ts';
import { ROLE, roleOutput } from '../shapes/role.ts';
import { authorizeCreate } from '../tags/authorize-create.ts';
import { TAG_KEY_CASE, tagsOfInput } from '../tags/tag-list.ts';
import { trustPrincipalIds } from './trust-principal-ids.ts';

const input = {
  type: 'structure',
  members: {
    Path: PATH,
    RoleName: ROLE_NAME,
    AssumeRolePolicyDocument: POLICY_DOCUMENT,
    Description: ROLE_DESCRIPTION,
    MaxSessionDuration: ROLE_MAX_SESSION_DURATION,
    PermissionsBoundary: ARN,
    Tags: TAGS,
  },
  required: ['RoleName', 'AssumeRolePolicyDocument'],
} as const;

const output = { type: 'structure', members: { Role: ROLE }, required: ['Role'] } as const;

/** Seconds a role's sessions last by default (IAM API Reference, CreateRole MaxSessionDuration). */
const DEFAULT_MAX_SESSION_DURATION = 3600;

export const createRole = operation({
  name: 'CreateRole',
  input,
  output,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const path = req.Path ?? '/';
    const arn = principalArn('role', accountId, path, req.RoleName);
    const tags = tagsOfInput(req.Tags, TAG_KEY_CASE.Role);
    const boundaryArn = req.PermissionsBoundary === undefined ? undefined : checkPolicyArn(req.PermissionsBoundary);
    authorizeCreate(ctx, { create: 'iam:CreateRole', tag: 'iam:TagRole' }, arn, tags, boundaryArn !== undefined ? { 'iam:PermissionsBoundary': boundaryArn } : {});
    checkTrustDocument(req.AssumeRolePolicyDocument, ctx.snapshot);
    const role = await ctx.store.transaction(async (tx) => {
      if (boundaryArn !== undefined && (await visiblePolicy(tx, accountId, boundaryArn)) === undefined) throw policyNotAttachable(boundaryArn);
      const inserted = await tx.roles.insert({
        roleId: newUniqueId('AROA'),
        accountId,
        name: req.RoleName,
        path,
        assumeRolePolicy: req.AssumeRolePolicyDocument,
        trustPrincipalIds: await trustPrincipalIds(tx, req.AssumeRolePolicyDocument),
        description: req.Description,
        maxSessionDuration: req.MaxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
        permissionsBoundaryArn: boundaryArn,
        tags,
        createdAt: ctx.now,
      });
      if (inserted instanceof StoreConflict) throw roleAlreadyExists(req.RoleName);
      return inserted;
    });
    const snapshot = await ctx.refresh();
    ctx.audit.resources.push({ ARN: arn, type: 'AWS::IAM::Role', accountId });
    return { Role: roleOutput(role, 'created', snapshot) };
  },
  audit: {
    responseElements: (out) => ({
      role: { path: out.Role.Path, roleName: out.Role.RoleName, roleId: out.Role.RoleId, arn: out.Role.Arn, createDate: out.Role.CreateDate },
    }),
  },
});
