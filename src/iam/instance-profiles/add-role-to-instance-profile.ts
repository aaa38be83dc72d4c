// AddRoleToInstanceProfile (IAM API Reference): puts a role in an instance profile. "An instance profile
// can contain only one role, and this quota cannot be increased" (LimitExceeded, as IAM words it). The
// caller "must be granted the PassRole permission on the IAM role": the Service Authorization Reference
// lists iam:PassRole with iam:PassedToService ec2.amazonaws.com for this operation, and the API
// Reference says iam:AssociatedResourceArn is then `arn:aws:ec2:*:CallerAccountId:instance/*`.
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { noSuchRole, roleArnOf } from '../entities/roles.ts';
import { ROLE_NAME } from '../shapes/common.ts';
import { authorizedInstanceProfile, INSTANCE_PROFILE_NAME } from './instance-profile-entity.ts';

const input = {
  type: 'structure',
  members: { InstanceProfileName: INSTANCE_PROFILE_NAME, RoleName: ROLE_NAME },
  required: ['InstanceProfileName', 'RoleName'],
} as const;

/** InstanceSessionsPerInstanceProfile: one role per profile. */
const MAX_ROLES_PER_INSTANCE_PROFILE = 1;

export const addRoleToInstanceProfile = operation({
  name: 'AddRoleToInstanceProfile',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const profile = await authorizedInstanceProfile(ctx, tx, accountId, 'iam:AddRoleToInstanceProfile', req.InstanceProfileName);
      const role = await tx.roles.get(accountId, req.RoleName);
      if (role === undefined) throw noSuchRole(req.RoleName);
      ctx.authorize({
        action: 'iam:PassRole',
        resource: roleArnOf(role),
        context: { 'iam:PassedToService': 'ec2.amazonaws.com', 'iam:AssociatedResourceARN': `arn:aws:ec2:*:${accountId}:instance/*` },
      });
      if (profile.roleIds.length >= MAX_ROLES_PER_INSTANCE_PROFILE) {
        throw awsError('LimitExceeded', `Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${MAX_ROLES_PER_INSTANCE_PROFILE}`);
      }
      await tx.instanceProfiles.addRole(profile.instanceProfileId, role.roleId);
    });
    await ctx.refresh();
    return undefined;
  },
});
