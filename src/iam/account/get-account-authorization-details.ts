// GetAccountAuthorizationDetails (IAM API Reference): every user, group and role of the account with
// its inline policies, attached managed policies, boundary and tags (and, for a role, the instance
// profiles that hold it), and the managed policies in use
// (the account's own, and the AWS managed ones attached to something) with all their versions —
// documents URL-encoded — so that IAM analysis tools can read podiam as they read AWS. Filter selects
// entity types; one page covers at most MaxItems entities of any type.
import { encodePolicyDocument } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import type { StoreRepos } from '../../store/index.ts';
import { callerAccount } from './caller-account.ts';
import { groupArnOf } from '../entities/groups.ts';
import { roleArnOf } from '../entities/roles.ts';
import { userArnOf } from '../entities/users.ts';
import { allPages, pageMembers, pageOf, pageRequest } from '../pagination.ts';
import { INSTANCE_PROFILE, listedInstanceProfiles } from '../instance-profiles/instance-profile-output.ts';
import { policyUsage } from '../managed-policies/policy-usage.ts';
import {
  ARN,
  ATTACHED_PERMISSIONS_BOUNDARY,
  ATTACHED_POLICY,
  GROUP_NAME,
  MARKER,
  MAX_ITEMS,
  PAGE_MEMBERS,
  PATH,
  POLICY_DETAIL,
  POLICY_DOCUMENT,
  ROLE_NAME,
  TAGS,
  USER_NAME,
} from '../shapes/common.ts';
import { POLICY, POLICY_VERSION, policyOutput, policyVersionOutput } from '../shapes/managed-policy.ts';
import { shownTrustPolicy } from '../shapes/role.ts';
import { permissionsBoundaryOutput } from '../shapes/permissions-boundary.ts';
import { tagsOutput } from '../tags/tag-list.ts';

const ENTITY_TYPES = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;
type EntityType = (typeof ENTITY_TYPES)[number];

const input = {
  type: 'structure',
  members: { Filter: { type: 'list', member: { type: 'string', enum: ENTITY_TYPES } }, MaxItems: MAX_ITEMS, Marker: MARKER },
} as const;

const output = {
  type: 'structure',
  members: {
    UserDetailList: {
      type: 'list',
      member: {
        type: 'structure',
        members: {
          Path: PATH,
          UserName: USER_NAME,
          UserId: { type: 'string' },
          Arn: ARN,
          CreateDate: { type: 'timestamp' },
          UserPolicyList: { type: 'list', member: POLICY_DETAIL },
          GroupList: { type: 'list', member: GROUP_NAME },
          AttachedManagedPolicies: { type: 'list', member: ATTACHED_POLICY },
          PermissionsBoundary: ATTACHED_PERMISSIONS_BOUNDARY,
          Tags: TAGS,
        },
      },
    },
    GroupDetailList: {
      type: 'list',
      member: {
        type: 'structure',
        members: {
          Path: PATH,
          GroupName: GROUP_NAME,
          GroupId: { type: 'string' },
          Arn: ARN,
          CreateDate: { type: 'timestamp' },
          GroupPolicyList: { type: 'list', member: POLICY_DETAIL },
          AttachedManagedPolicies: { type: 'list', member: ATTACHED_POLICY },
        },
      },
    },
    RoleDetailList: {
      type: 'list',
      member: {
        type: 'structure',
        members: {
          Path: PATH,
          RoleName: ROLE_NAME,
          RoleId: { type: 'string' },
          Arn: ARN,
          CreateDate: { type: 'timestamp' },
          AssumeRolePolicyDocument: POLICY_DOCUMENT,
          InstanceProfileList: { type: 'list', member: INSTANCE_PROFILE },
          RolePolicyList: { type: 'list', member: POLICY_DETAIL },
          AttachedManagedPolicies: { type: 'list', member: ATTACHED_POLICY },
          PermissionsBoundary: ATTACHED_PERMISSIONS_BOUNDARY,
          Tags: TAGS,
          RoleLastUsed: { type: 'structure', members: { LastUsedDate: { type: 'timestamp' }, Region: { type: 'string' } } },
        },
      },
    },
    Policies: {
      type: 'list',
      member: { type: 'structure', members: { ...POLICY.members, PolicyVersionList: { type: 'list', member: POLICY_VERSION } } },
    },
    ...PAGE_MEMBERS,
  },
} as const;

async function inlineOf(repos: StoreRepos, principalId: string) {
  const policies = await allPages((page) => repos.inlinePolicies.list(principalId, page));
  return policies.map((p) => ({ PolicyName: p.policyName, PolicyDocument: encodePolicyDocument(p.document) }));
}

async function attachedOf(repos: StoreRepos, principalId: string) {
  const attached = await allPages((page) => repos.policyAttachments.listForPrincipal(principalId, page));
  return attached.map((a) => ({ PolicyName: a.policyName, PolicyArn: a.policyArn }));
}

type Detail =
  | { readonly kind: 'user'; readonly value: unknown }
  | { readonly kind: 'group'; readonly value: unknown }
  | { readonly kind: 'role'; readonly value: unknown }
  | { readonly kind: 'policy'; readonly value: unknown };

export const getAccountAuthorizationDetails = operation({
  name: 'GetAccountAuthorizationDetails',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    ctx.authorize({ action: 'iam:GetAccountAuthorizationDetails', resource: '*' });
    const wanted = new Set<EntityType>(req.Filter !== undefined && req.Filter.length > 0 ? req.Filter : ENTITY_TYPES);
    const repos = ctx.store;
    const details: Detail[] = [];
    if (wanted.has('User')) {
      for (const user of await repos.users.all(accountId)) {
        const groups = await allPages((page) => repos.groups.listGroupsForUser(user.userId, page));
        details.push({
          kind: 'user',
          value: {
            Path: user.path,
            UserName: user.name,
            UserId: user.userId,
            Arn: userArnOf(user),
            CreateDate: user.createdAt,
            UserPolicyList: await inlineOf(repos, user.userId),
            GroupList: groups.map((g) => g.name),
            AttachedManagedPolicies: await attachedOf(repos, user.userId),
            ...permissionsBoundaryOutput(user.permissionsBoundaryArn),
            Tags: tagsOutput(user.tags),
          },
        });
      }
    }
    if (wanted.has('Group')) {
      for (const group of await repos.groups.all(accountId)) {
        details.push({
          kind: 'group',
          value: {
            Path: group.path,
            GroupName: group.name,
            GroupId: group.groupId,
            Arn: groupArnOf(group),
            CreateDate: group.createdAt,
            GroupPolicyList: await inlineOf(repos, group.groupId),
            AttachedManagedPolicies: await attachedOf(repos, group.groupId),
          },
        });
      }
    }
    if (wanted.has('Role')) {
      for (const role of await repos.roles.all(accountId)) {
        details.push({
          kind: 'role',
          value: {
            Path: role.path,
            RoleName: role.name,
            RoleId: role.roleId,
            Arn: roleArnOf(role),
            CreateDate: role.createdAt,
            AssumeRolePolicyDocument: encodePolicyDocument(shownTrustPolicy(role, ctx.snapshot)),
            InstanceProfileList: await listedInstanceProfiles(repos, await allPages((page) => repos.instanceProfiles.listForRole(role.roleId, page)), ctx.snapshot),
            RolePolicyList: await inlineOf(repos, role.roleId),
            AttachedManagedPolicies: await attachedOf(repos, role.roleId),
            ...permissionsBoundaryOutput(role.permissionsBoundaryArn),
            Tags: tagsOutput(role.tags),
            RoleLastUsed: role.lastUsed === undefined ? {} : { LastUsedDate: role.lastUsed.at, Region: role.lastUsed.region },
          },
        });
      }
    }
    if (wanted.has('LocalManagedPolicy') || wanted.has('AWSManagedPolicy')) {
      for (const policy of await repos.managedPolicies.all()) {
        const local = policy.accountId === accountId;
        const aws = policy.accountId === undefined;
        if (!((local && wanted.has('LocalManagedPolicy')) || (aws && wanted.has('AWSManagedPolicy')))) continue;
        const usage = await policyUsage(repos, accountId, policy.arn);
        // AWS managed policies appear when the account uses them.
        if (aws && usage.attachmentCount === 0 && usage.permissionsBoundaryUsageCount === 0) continue;
        const versions = await repos.managedPolicies.listVersions(policy.arn);
        details.push({
          kind: 'policy',
          value: {
            ...policyOutput(policy, usage, 'listed'),
            ...(policy.description !== undefined ? { Description: policy.description } : {}),
            PolicyVersionList: versions.reverse().map((v) => policyVersionOutput(v, policy.defaultVersionId, true)),
          },
        });
      }
    }
    const page = pageOf('authorization-details', details, pageRequest(req));
    const of = (kind: Detail['kind']) => page.items.filter((d) => d.kind === kind).map((d) => d.value) as never[];
    return {
      UserDetailList: of('user'),
      GroupDetailList: of('group'),
      RoleDetailList: of('role'),
      Policies: of('policy'),
      ...pageMembers(page),
    };
  },
});
