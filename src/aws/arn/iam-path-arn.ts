// IAM ARNs of entities with a path (roles, users, policies): arn:partition:iam::account:type/path/name
// (IAM User Guide, "IAM identifiers": "arn:aws:iam::123456789012:role/application_abc/component_xyz/RDSAccess").

import { isAccountId } from './account-id.ts';
import { asPartition, splitArn, type Partition } from './arn-parts.ts';
import { nameViolations, PATH, type NameRule } from './iam-names.ts';

/** The fields of a path-named IAM ARN. */
export interface IamPathArnFields {
  readonly partition: Partition;
  /** Twelve digits, or `aws` for AWS managed policies. */
  readonly account: string;
  readonly path: string;
  readonly name: string;
}

/** Reads `arn:p:iam::account:{type}/path/name`; undefined when any part is not valid. */
export function readIamPathArn(text: string, type: string, nameRule: NameRule, allowAwsAccount: boolean): IamPathArnFields | undefined {
  const parts = splitArn(text);
  if (parts === undefined || parts.service !== 'iam' || parts.region !== '') return undefined;
  const partition = asPartition(parts.partition);
  if (partition === undefined) return undefined;
  if (!isAccountId(parts.account) && !(allowAwsAccount && parts.account === 'aws')) return undefined;
  if (!parts.resource.startsWith(`${type}/`)) return undefined;
  const rest = parts.resource.slice(type.length);
  const lastSlash = rest.lastIndexOf('/');
  const path = rest.slice(0, lastSlash + 1);
  const name = rest.slice(lastSlash + 1);
  if (nameViolations(nameRule, name, 'name').length > 0 || nameViolations(PATH, path, 'path').length > 0) return undefined;
  return { partition, account: parts.account, path, name };
}

/** Writes `arn:p:iam::account:{type}/path/name`. */
export function writeIamPathArn(type: string, fields: IamPathArnFields): string {
  return `arn:${fields.partition}:iam::${fields.account}:${type}${fields.path}${fields.name}`;
}
