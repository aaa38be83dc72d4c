// UpdateRoleDescription (IAM API Reference): sets the description and returns the role.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedRole, noSuchRole } from '../entities/roles.ts';
import { ROLE_DESCRIPTION, ROLE_NAME } from '../shapes/common.ts';
import { ROLE, roleOutput } from '../shapes/role.ts';

const input = { type: 'structure', members: { RoleName: ROLE_NAME, Description: ROLE_DESCRIPTION }, required: ['RoleName', 'Description'] } as const;
const output = { type: 'structure', members: { Role: ROLE } } as const;

export const updateRoleDescription = operation({
  name: 'UpdateRoleDescription',
  input,
  output,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const role = await ctx.store.transaction(async (tx) => {
      const found = await authorizedRole(ctx, tx, accountId, 'iam:UpdateRoleDescription', req.RoleName);
      const updated = await tx.roles.update(found.roleId, { description: req.Description });
      if (updated === undefined) throw noSuchRole(req.RoleName);
      return updated;
    });
    const snapshot = await ctx.refresh();
    return { Role: roleOutput(role, 'full', snapshot) };
  },
});
