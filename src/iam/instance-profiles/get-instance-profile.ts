// GetInstanceProfile (IAM API Reference): the profile's path, ID, ARN, creation date, role and tags.
import { operation } from '../../api/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedInstanceProfile, INSTANCE_PROFILE_NAME } from './instance-profile-entity.ts';
import { INSTANCE_PROFILE, instanceProfileOutput, rolesInProfile } from './instance-profile-output.ts';

const input = { type: 'structure', members: { InstanceProfileName: INSTANCE_PROFILE_NAME }, required: ['InstanceProfileName'] } as const;
const output = { type: 'structure', members: { InstanceProfile: INSTANCE_PROFILE }, required: ['InstanceProfile'] } as const;

export const getInstanceProfile = operation({
  name: 'GetInstanceProfile',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const profile = await authorizedInstanceProfile(ctx, ctx.store, callerAccount(ctx), 'iam:GetInstanceProfile', req.InstanceProfileName);
    return { InstanceProfile: instanceProfileOutput(profile, await rolesInProfile(ctx.store, profile), 'full', ctx.snapshot) };
  },
});
