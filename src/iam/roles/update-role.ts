// UpdateRole (IAM API Reference): a role's description and maximum session duration.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedRole, noSuchRole } from '../entities/roles.ts';
import { ROLE_DESCRIPTION, ROLE_MAX_SESSION_DURATION, ROLE_NAME } from '../shapes/common.ts';

const input = {
  type: 'structure',
  members: { RoleName: ROLE_NAME, Description: ROLE_DESCRIPTION, MaxSessionDuration: ROLE_MAX_SESSION_DURATION },
  required: ['RoleName'],
} as const;
const output = { type: 'structure', members: {} } as const;

export const updateRole = operation({
  name: 'UpdateRole',
  input,
  output,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const role = await authorizedRole(ctx, tx, accountId, 'iam:UpdateRole', req.RoleName);
      const updated = await tx.roles.update(role.roleId, {
        ...(req.Description !== undefined ? { description: req.Description } : {}),
        ...(req.MaxSessionDuration !== undefined ? { maxSessionDuration: req.MaxSessionDuration } : {}),
      });
      if (updated === undefined) throw noSuchRole(req.RoleName);
    });
    await ctx.refresh();
    return {};
  },
});
