// The `User` structure of CreateUser, GetUser, ListUsers and GetGroup, and its one serialisation.
// Listings leave out PermissionsBoundary and Tags (IAM API Reference, "ListUsers").
import type { IamUser } from '../../store/index.ts';
import { userArnOf } from '../entities/users.ts';
import { tagsOutput } from '../tags/tag-list.ts';
import { ARN, ATTACHED_PERMISSIONS_BOUNDARY, PATH, TAGS, USER_NAME } from './common.ts';
import { permissionsBoundaryOutput } from './permissions-boundary.ts';

export const USER = {
  type: 'structure',
  members: {
    Path: PATH,
    UserName: USER_NAME,
    UserId: { type: 'string' },
    Arn: ARN,
    CreateDate: { type: 'timestamp' },
    PasswordLastUsed: { type: 'timestamp' },
    PermissionsBoundary: ATTACHED_PERMISSIONS_BOUNDARY,
    Tags: TAGS,
  },
  // The account's root user (GetUser without UserName) has no name and no path.
  required: ['UserId', 'Arn', 'CreateDate'],
} as const;

/** A user as IAM returns it: `full` (GetUser, CreateUser) or `listed` (ListUsers, GetGroup). */
export function userOutput(user: IamUser, view: 'full' | 'listed') {
  const base = { Path: user.path, UserName: user.name, UserId: user.userId, Arn: userArnOf(user), CreateDate: user.createdAt };
  if (view === 'listed') return base;
  return {
    ...base,
    ...permissionsBoundaryOutput(user.permissionsBoundaryArn),
    ...(user.tags.length > 0 ? { Tags: tagsOutput(user.tags) } : {}),
  };
}
