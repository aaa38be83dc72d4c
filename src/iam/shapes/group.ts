// The `Group` structure and its one serialisation.
import type { IamGroup } from '../../store/index.ts';
import { groupArnOf } from '../entities/groups.ts';
import { ARN, GROUP_NAME, PATH } from './common.ts';

export const GROUP = {
  type: 'structure',
  members: { Path: PATH, GroupName: GROUP_NAME, GroupId: { type: 'string' }, Arn: ARN, CreateDate: { type: 'timestamp' } },
  required: ['Path', 'GroupName', 'GroupId', 'Arn', 'CreateDate'],
} as const;

/** A group as IAM returns it. */
export function groupOutput(group: IamGroup) {
  return { Path: group.path, GroupName: group.name, GroupId: group.groupId, Arn: groupArnOf(group), CreateDate: group.createdAt };
}
