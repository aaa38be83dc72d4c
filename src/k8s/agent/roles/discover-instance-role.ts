// kube2iam's --auto-discover-base-arn and --auto-discover-default-role: the node's instance profile
// (instance metadata `iam/info`, InstanceProfileArn) gives the account and partition of the base ARN;
// `iam/security-credentials/` gives the instance's role name.
import type { RoleArn } from '../../../aws/arn/index.ts';
import type { MetadataUpstream } from '../imds/metadata-upstream.ts';
import { parseBaseRoleArn, resolveRoleReference, type BaseRoleArn } from './role-reference.ts';

/** What instance metadata says about the node's role. */
export interface InstanceRole {
  readonly baseRoleArn: BaseRoleArn;
  readonly roleName: string;
  resolve(reference: string): RoleArn | undefined;
}

/** Reads the node's instance profile and role name; throws when the node has none. */
export async function discoverInstanceRole(upstream: MetadataUpstream): Promise<InstanceRole> {
  const info = await upstream.get('/latest/meta-data/iam/info');
  if (info.status !== 200) throw new Error(`instance metadata iam/info answered ${info.status}: the node has no instance profile`);
  const profileArn = (JSON.parse(info.body.toString('utf8')) as { InstanceProfileArn?: unknown }).InstanceProfileArn;
  const match = typeof profileArn === 'string' ? /^arn:(aws(?:-[a-z]+)*):iam::(\d{12}):instance-profile\//.exec(profileArn) : null;
  if (match === null) throw new Error(`instance metadata iam/info has no usable InstanceProfileArn: ${String(profileArn)}`);
  const base = parseBaseRoleArn(`arn:${match[1] ?? 'aws'}:iam::${match[2] ?? ''}:role/`);
  if (base === undefined) throw new Error('could not derive the base role ARN');
  const names = await upstream.get('/latest/meta-data/iam/security-credentials/');
  const roleName = names.status === 200 ? (names.body.toString('utf8').split('\n')[0] ?? '').trim() : '';
  return { baseRoleArn: base, roleName, resolve: (reference) => resolveRoleReference(reference, base) };
}
