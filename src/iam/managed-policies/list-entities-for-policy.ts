// ListEntitiesForPolicy (IAM API Reference): the account's users, groups and roles a managed policy is
// attached to (PolicyUsageFilter PermissionsPolicy), or that use it as a boundary (PermissionsBoundary),
// optionally of one kind (EntityFilter) or under a path prefix.
import { operation } from '../../api/index.ts';
import type { PrincipalType } from '../../store/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedPolicy } from '../entities/managed-policies.ts';
import { PAGE_INPUT, allPages, pageMembers, pageOf, pageRequest } from '../pagination.ts';
import { ARN, GROUP_NAME, PAGE_MEMBERS, PATH, ROLE_NAME, USER_NAME } from '../shapes/common.ts';

const input = {
  type: 'structure',
  members: {
    PolicyArn: ARN,
    EntityFilter: { type: 'string', enum: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] },
    PathPrefix: PATH,
    PolicyUsageFilter: { type: 'string', enum: ['PermissionsPolicy', 'PermissionsBoundary'] },
    ...PAGE_INPUT,
  },
  required: ['PolicyArn'],
} as const;
const output = {
  type: 'structure',
  members: {
    PolicyGroups: { type: 'list', member: { type: 'structure', members: { GroupName: GROUP_NAME, GroupId: { type: 'string' } } } },
    PolicyUsers: { type: 'list', member: { type: 'structure', members: { UserName: USER_NAME, UserId: { type: 'string' } } } },
    PolicyRoles: { type: 'list', member: { type: 'structure', members: { RoleName: ROLE_NAME, RoleId: { type: 'string' } } } },
    ...PAGE_MEMBERS,
  },
} as const;

interface Entity {
  readonly type: PrincipalType;
  readonly id: string;
  readonly name: string;
  readonly path: string;
}

const ORDER: Record<PrincipalType, number> = { group: 0, role: 1, user: 2 };

export const listEntitiesForPolicy = operation({
  name: 'ListEntitiesForPolicy',
  input,
  output,
  readOnly: true,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const policy = await authorizedPolicy(ctx, ctx.store, accountId, 'iam:ListEntitiesForPolicy', req.PolicyArn);
    const entities: Entity[] = [];
    if (req.PolicyUsageFilter !== 'PermissionsBoundary') {
      const attached = await allPages((page) => ctx.store.policyAttachments.listEntities(policy.arn, { accountId, ...page }));
      for (const a of attached) {
        const found =
          a.principalType === 'user'
            ? await ctx.store.users.getById(a.principalId)
            : a.principalType === 'role'
              ? await ctx.store.roles.getById(a.principalId)
              : await ctx.store.groups.getById(a.principalId);
        if (found !== undefined) entities.push({ type: a.principalType, id: a.principalId, name: found.name, path: found.path });
      }
    }
    if (req.PolicyUsageFilter !== 'PermissionsPolicy') {
      for (const r of await ctx.store.roles.all(accountId)) {
        if (r.permissionsBoundaryArn === policy.arn) entities.push({ type: 'role', id: r.roleId, name: r.name, path: r.path });
      }
      for (const u of await ctx.store.users.all(accountId)) {
        if (u.permissionsBoundaryArn === policy.arn) entities.push({ type: 'user', id: u.userId, name: u.name, path: u.path });
      }
    }
    const wanted = req.EntityFilter === 'User' ? 'user' : req.EntityFilter === 'Role' ? 'role' : req.EntityFilter === 'Group' ? 'group' : undefined;
    const seen = new Set<string>();
    const selected = entities
      .filter((e) => (wanted === undefined || e.type === wanted) && (req.PathPrefix === undefined || e.path.startsWith(req.PathPrefix)))
      .filter((e) => !seen.has(e.id) && seen.add(e.id) !== undefined)
      .sort((a, b) => ORDER[a.type] - ORDER[b.type] || a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
    const page = pageOf(`entities:${policy.arn}`, selected, pageRequest(req));
    return {
      PolicyGroups: page.items.filter((e) => e.type === 'group').map((e) => ({ GroupName: e.name, GroupId: e.id })),
      PolicyUsers: page.items.filter((e) => e.type === 'user').map((e) => ({ UserName: e.name, UserId: e.id })),
      PolicyRoles: page.items.filter((e) => e.type === 'role').map((e) => ({ RoleName: e.name, RoleId: e.id })),
      ...pageMembers(page),
    };
  },
});
