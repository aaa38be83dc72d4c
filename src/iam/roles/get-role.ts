// GetRole (IAM API Reference): the role with its trust policy (URL-encoded), maximum session duration,
// boundary, tags and RoleLastUsed.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedRole } from '../entities/roles.ts';
import { ROLE_NAME } from '../shapes/common.ts';
import { ROLE, roleOutput } from '../shapes/role.ts';

const input = { type: 'structure', members: { RoleName: ROLE_NAME }, required: ['RoleName'] } as const;
const output = { type: 'structure', members: { Role: ROLE }, required: ['Role'] } as const;

export const getRole = operation({
  name: 'GetRole',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const role = await authorizedRole(ctx, ctx.store, callerAccount(ctx), 'iam:GetRole', req.RoleName);
    return { Role: roleOutput(role, 'full', ctx.snapshot) };
  },
});
