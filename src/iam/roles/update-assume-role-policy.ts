// UpdateAssumeRolePolicy (IAM API Reference): replaces a role's trust policy, checked as CreateRole
// checks it.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedRole, noSuchRole } from '../entities/roles.ts';
import { checkTrustDocument } from '../policy-documents.ts';
import { POLICY_DOCUMENT, ROLE_NAME } from '../shapes/common.ts';

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
      if ((await tx.roles.update(role.roleId, { assumeRolePolicy: req.PolicyDocument })) === undefined) throw noSuchRole(req.RoleName);
    });
    await ctx.refresh();
    return undefined;
  },
});
