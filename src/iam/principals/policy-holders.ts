// The IAM identities that hold policies — roles, users and groups — seen the same way by the inline
// policy and attachment operations, which IAM defines once per kind ({Put,Get,List,Delete}{X}Policy,
// {Attach,Detach,ListAttached}{X}Policies) with the same rules and the kind's own quotas.
import type { StringShape } from '../../aws/index.ts';
import type { CallContext } from '../../api/index.ts';
import type { ContextValue } from '../../policy/index.ts';
import type { PrincipalType, StoreRepos } from '../../store/index.ts';
import { authorizedGroup, groupArnOf } from '../entities/groups.ts';
import { authorizedRole, roleArnOf } from '../entities/roles.ts';
import { authorizedUser, userArnOf } from '../entities/users.ts';
import { EXISTING_USER_NAME, GROUP_NAME, ROLE_NAME, USER_NAME } from '../shapes/common.ts';

/** One identity as the policy operations need it. */
export interface PolicyHolderEntity {
  readonly id: string;
  readonly name: string;
  readonly arn: string;
}

/** A kind of identity that holds policies. */
export interface PolicyHolder {
  readonly noun: 'Role' | 'User' | 'Group';
  /** The request member naming it, and its shape in the inline policy operations. */
  readonly keyMember: 'RoleName' | 'UserName' | 'GroupName';
  readonly keyShape: StringShape;
  /** Its shape in the Attach/Detach operations (users: `userNameType`). */
  readonly attachKeyShape: StringShape;
  readonly principalType: PrincipalType;
  /** The inline policies' shared size quota. */
  readonly inlineSize: 'ROLE_INLINE' | 'USER_INLINE' | 'GROUP_INLINE';
  /** The quota of attached managed policies (`PoliciesPerRole`). */
  readonly attachmentQuota: string;
  find(ctx: CallContext, repos: StoreRepos, accountId: string, action: string, name: string, context?: Readonly<Record<string, ContextValue>>): Promise<PolicyHolderEntity>;
}

export const ROLE_HOLDER: PolicyHolder = {
  noun: 'Role',
  keyMember: 'RoleName',
  keyShape: ROLE_NAME,
  attachKeyShape: ROLE_NAME,
  principalType: 'role',
  inlineSize: 'ROLE_INLINE',
  attachmentQuota: 'PoliciesPerRole',
  async find(ctx, repos, accountId, action, name, context) {
    const role = await authorizedRole(ctx, repos, accountId, action, name, context);
    return { id: role.roleId, name: role.name, arn: roleArnOf(role) };
  },
};

export const USER_HOLDER: PolicyHolder = {
  noun: 'User',
  keyMember: 'UserName',
  keyShape: EXISTING_USER_NAME,
  attachKeyShape: USER_NAME,
  principalType: 'user',
  inlineSize: 'USER_INLINE',
  attachmentQuota: 'PoliciesPerUser',
  async find(ctx, repos, accountId, action, name, context) {
    const user = await authorizedUser(ctx, repos, accountId, action, name, context);
    return { id: user.userId, name: user.name, arn: userArnOf(user) };
  },
};

export const GROUP_HOLDER: PolicyHolder = {
  noun: 'Group',
  keyMember: 'GroupName',
  keyShape: GROUP_NAME,
  attachKeyShape: GROUP_NAME,
  principalType: 'group',
  inlineSize: 'GROUP_INLINE',
  attachmentQuota: 'PoliciesPerGroup',
  async find(ctx, repos, accountId, action, name) {
    const group = await authorizedGroup(ctx, repos, accountId, action, name);
    return { id: group.groupId, name: group.name, arn: groupArnOf(group) };
  },
};
