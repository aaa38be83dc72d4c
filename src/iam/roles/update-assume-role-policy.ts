// UpdateAssumeRolePolicy (IAM API Reference): replaces a role's trust policy, checked as CreateRole
// checks it, with the unique IDs of the roles and users it names now (IAM User Guide, "AWS JSON policy
// elements: Principal": saving the policy again binds a recreated role or user's ARN to its new ID).
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedRole, noSuchRole } from '../entities/roles.ts';
import { checkTrustDocument } from '../policy-documents.ts';
import { POLICY_DOCUMENT, ROLE_NAME } from '../shapes/common.ts';
import { trustPrincipalIds } from './trust-principal-ids.ts';

const input = { type: 'structure', members: { RoleName: ROLE_NAME, PolicyDocument: POLICY_DOCUMENT }, required: ['RoleName', 'PolicyDocument'] } as const;

export const updateAssumeRolePolicy = operation({
  name: 'UpdateAssumeRolePolicy',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const role = await authorizedRole(ctx, tx, accountId, 'iam:UpdateAssumeRolePolicy', req.RoleName);
      checkTrustDocument(req.PolicyDocument, ctx.snapshot);
      const patch = { assumeRolePolicy: req.PolicyDocument, trustPrincipalIds: await trustPrincipalIds(tx, req.PolicyDocument) };
      if ((await tx.roles.update(role.roleId, patch)) === undefined) throw noSuchRole(req.RoleName);
    });
    await ctx.refresh();
    return undefined;
  },
});
