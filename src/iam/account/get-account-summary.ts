// GetAccountSummary (IAM API Reference): counts of the account's IAM entities and IAM's quotas
// ("IAM and AWS STS quotas"), as the SummaryMap IAM returns.
import { operation } from '../../api/index.ts';
import { MAX_INSTANCE_PROFILES_PER_ACCOUNT } from '../instance-profiles/instance-profile-entity.ts';
import { callerAccount } from './caller-account.ts';

const input = { type: 'structure', members: {} } as const;
const output = {
  type: 'structure',
  members: { SummaryMap: { type: 'map', key: { type: 'string' }, value: { type: 'integer' } } },
} as const;

export const getAccountSummary = operation({
  name: 'GetAccountSummary',
  input,
  output,
  readOnly: true,
  async run(ctx) {
    const accountId = callerAccount(ctx);
    ctx.authorize({ action: 'iam:GetAccountSummary', resource: '*' });
    const repos = ctx.store;
    const [users, groups, roles, policies, providers, rootKeys, instanceProfiles] = await Promise.all([
      repos.users.all(accountId),
      repos.groups.all(accountId),
      repos.roles.all(accountId),
      repos.managedPolicies.all(),
      repos.oidcProviders.list(accountId),
      repos.accessKeys.listForUser(accountId, undefined),
      repos.instanceProfiles.count(accountId),
    ]);
    const local = policies.filter((p) => p.accountId === accountId);
    let versionsInUse = 0;
    for (const p of local) versionsInUse += (await repos.managedPolicies.listVersions(p.arn)).length;
    return {
      SummaryMap: {
        Users: users.length,
        UsersQuota: 5000,
        Groups: groups.length,
        GroupsQuota: 300,
        Roles: roles.length,
        RolesQuota: 1000,
        Policies: local.length,
        PoliciesQuota: 1500,
        PolicyVersionsInUse: versionsInUse,
        PolicyVersionsInUseQuota: 10000,
        VersionsPerPolicyQuota: 5,
        PolicySizeQuota: 6144,
        UserPolicySizeQuota: 2048,
        GroupPolicySizeQuota: 5120,
        RolePolicySizeQuota: 10240,
        AssumeRolePolicySizeQuota: 2048,
        AttachedPoliciesPerUserQuota: 10,
        AttachedPoliciesPerGroupQuota: 10,
        AttachedPoliciesPerRoleQuota: 10,
        GroupsPerUserQuota: 10,
        AccessKeysPerUserQuota: 2,
        AccountAccessKeysPresent: rootKeys.length > 0 ? 1 : 0,
        AccountMFAEnabled: 0,
        MFADevices: 0,
        MFADevicesInUse: 0,
        Providers: providers.length,
        InstanceProfiles: instanceProfiles,
        InstanceProfilesQuota: MAX_INSTANCE_PROFILES_PER_ACCOUNT,
        ServerCertificates: 0,
        ServerCertificatesQuota: 20,
        SigningCertificatesPerUserQuota: 2,
        GlobalEndpointTokenVersion: 1,
      },
    };
  },
});
