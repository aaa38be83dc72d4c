// Policy targets (AttachPolicy, "TargetId"): the root, an OU, or an account of the organization.
import type { Organization, StoreTx } from '../store/index.ts';
import { accountArn, rootArn, unitArn } from './org-arns.ts';

/** A root, OU or account that policies attach to (PolicyTargetSummary). */
export interface OrgTarget {
  readonly TargetId: string;
  readonly Arn: string;
  readonly Name: string;
  readonly Type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
}

type Reader = Pick<StoreTx, 'accounts' | 'organizations'>;

/** The target with this ID in the organization, if there is one. */
export async function findTarget(store: Reader, organization: Organization, targetId: string): Promise<OrgTarget | undefined> {
  const mgmt = organization.managementAccountId;
  if (targetId === organization.rootId) {
    return { TargetId: targetId, Arn: rootArn(mgmt, organization.id, targetId), Name: organization.rootName, Type: 'ROOT' };
  }
  if (targetId.startsWith('ou-')) {
    const unit = await store.organizations.getUnit(targetId);
    if (unit === undefined || unit.organizationId !== organization.id) return undefined;
    return { TargetId: targetId, Arn: unitArn(mgmt, organization.id, targetId), Name: unit.name, Type: 'ORGANIZATIONAL_UNIT' };
  }
  const account = await store.accounts.get(targetId);
  if (account === undefined || account.organizationId !== organization.id) return undefined;
  return { TargetId: targetId, Arn: accountArn(mgmt, organization.id, targetId), Name: account.name, Type: 'ACCOUNT' };
}

/** Every target of the organization: the root, its OUs, its accounts. */
export async function allTargets(store: Reader, organization: Organization): Promise<OrgTarget[]> {
  const mgmt = organization.managementAccountId;
  const units = (await store.organizations.allUnits()).filter((u) => u.organizationId === organization.id);
  const accounts = (await store.accounts.all()).filter((a) => a.organizationId === organization.id);
  return [
    { TargetId: organization.rootId, Arn: rootArn(mgmt, organization.id, organization.rootId), Name: organization.rootName, Type: 'ROOT' },
    ...units.map((u) => ({ TargetId: u.id, Arn: unitArn(mgmt, organization.id, u.id), Name: u.name, Type: 'ORGANIZATIONAL_UNIT' as const })),
    ...accounts.map((a) => ({ TargetId: a.id, Arn: accountArn(mgmt, organization.id, a.id), Name: a.name, Type: 'ACCOUNT' as const })),
  ];
}
