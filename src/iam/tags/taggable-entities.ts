// The IAM resources that carry tags, for the tag operations.
import type { IamRole, IamUser, InstanceProfile, ManagedPolicy, OidcProvider } from '../../store/index.ts';
import { authorizedOidcProvider } from '../entities/oidc-providers.ts';
import { authorizedPolicy, customerPolicy } from '../entities/managed-policies.ts';
import { authorizedRole } from '../entities/roles.ts';
import { authorizedUser } from '../entities/users.ts';
import { authorizedInstanceProfile, INSTANCE_PROFILE_NAME } from '../instance-profiles/instance-profile-entity.ts';
import { ARN, EXISTING_USER_NAME, ROLE_NAME } from '../shapes/common.ts';
import type { Taggable } from './tag-operations.ts';

export const TAGGABLE_ROLE: Taggable<IamRole> = {
  noun: 'Role',
  keyMember: 'RoleName',
  keyShape: ROLE_NAME,
  quota: 'TagsPerRole',
  find: (ctx, repos, accountId, action, name, context) => authorizedRole(ctx, repos, accountId, action, name, context),
  tagsOf: (role) => role.tags,
  async save(repos, role, tags) {
    await repos.roles.update(role.roleId, { tags });
  },
};

export const TAGGABLE_USER: Taggable<IamUser> = {
  noun: 'User',
  keyMember: 'UserName',
  keyShape: EXISTING_USER_NAME,
  quota: 'TagsPerUser',
  find: (ctx, repos, accountId, action, name, context) => authorizedUser(ctx, repos, accountId, action, name, context),
  tagsOf: (user) => user.tags,
  async save(repos, user, tags) {
    await repos.users.update(user.userId, { tags });
  },
};

export const TAGGABLE_POLICY: Taggable<ManagedPolicy> = {
  noun: 'Policy',
  keyMember: 'PolicyArn',
  keyShape: ARN,
  quota: 'TagsPerPolicy',
  async find(ctx, repos, accountId, action, arn) {
    const policy = await authorizedPolicy(ctx, repos, accountId, action, arn);
    return action === 'iam:ListPolicyTags' ? policy : customerPolicy(policy);
  },
  tagsOf: (policy) => policy.tags,
  async save(repos, policy, tags) {
    await repos.managedPolicies.update(policy.arn, { tags });
  },
};

export const TAGGABLE_OIDC_PROVIDER: Taggable<OidcProvider> = {
  noun: 'OpenIDConnectProvider',
  keyMember: 'OpenIDConnectProviderArn',
  keyShape: ARN,
  quota: 'TagsPerOpenIDConnectProvider',
  find: (ctx, repos, accountId, action, arn, context) => authorizedOidcProvider(ctx, repos, accountId, action, arn, context),
  tagsOf: (provider) => provider.tags,
  async save(repos, provider, tags) {
    await repos.oidcProviders.update(provider.arn, { tags });
  },
};

export const TAGGABLE_INSTANCE_PROFILE: Taggable<InstanceProfile> = {
  noun: 'InstanceProfile',
  keyMember: 'InstanceProfileName',
  keyShape: INSTANCE_PROFILE_NAME,
  quota: 'TagsPerInstanceProfile',
  find: (ctx, repos, accountId, action, name, context) => authorizedInstanceProfile(ctx, repos, accountId, action, name, context),
  tagsOf: (profile) => profile.tags,
  async save(repos, profile, tags) {
    await repos.instanceProfiles.update(profile.instanceProfileId, { tags });
  },
};
