// ListInstanceProfilesForRole (IAM API Reference): the instance profiles that hold the role, by name, a
// page at a time, without tags. NoSuchEntity when the role does not exist.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedRole } from '../entities/roles.ts';
import { PAGE_INPUT, pageMembers, pageRequest, storePage } from '../pagination.ts';
import { PAGE_MEMBERS, ROLE_NAME } from '../shapes/common.ts';
import { INSTANCE_PROFILE, listedInstanceProfiles } from './instance-profile-output.ts';

const input = { type: 'structure', members: { RoleName: ROLE_NAME, ...PAGE_INPUT }, required: ['RoleName'] } as const;
const output = {
  type: 'structure',
  members: { InstanceProfiles: { type: 'list', member: INSTANCE_PROFILE }, ...PAGE_MEMBERS },
  required: ['InstanceProfiles'],
} as const;

export const listInstanceProfilesForRole = operation({
  name: 'ListInstanceProfilesForRole',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const role = await authorizedRole(ctx, ctx.store, callerAccount(ctx), 'iam:ListInstanceProfilesForRole', req.RoleName);
    const page = storePage(await ctx.store.instanceProfiles.listForRole(role.roleId, pageRequest(req)));
    return { InstanceProfiles: await listedInstanceProfiles(ctx.store, page.items, ctx.snapshot), ...pageMembers(page) };
  },
});
