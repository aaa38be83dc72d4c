// IAM User Guide, "AWS JSON policy elements: Principal": an ARN naming a specific IAM role or user in the
// Principal element of a resource-based policy is transformed into the entity's unique principal ID when
// the policy is saved. These look-ups run where a trust policy or bucket policy is written (the IDs are
// stored with it) and where a bucket's policy is compiled for its cache; the snapshot answers the same
// question from memory for trust policies.
import type { PolicyDocument } from '../policy/index.ts';
import type { PrincipalIds, StoreRepos } from '../store/index.ts';
import { principalArn } from './snapshot.ts';

const IAM_PRINCIPAL_ARN = /^arn:aws:iam::(\d{12}):(role|user)(\/(?:[\u0021-\u007E]*\/)?)([\w+=,.@-]+)$/;

/** The IAM entities a policy's role and user principals name now. */
export interface PrincipalBinding {
  /** The unique ID of each role or user ARN named as an AWS principal, by ARN as written. */
  readonly ids: PrincipalIds;
  /** Role and user ARNs that name no existing role or user (IAM and S3 refuse them: "Invalid principal in policy"). */
  readonly missing: readonly string[];
}

type PrincipalRepos = Pick<StoreRepos, 'users' | 'roles'>;

/**
 * Resolves every IAM role or user ARN among the `AWS` values of the policy's Principal and NotPrincipal
 * elements to its entity's unique ID, as the store holds it now (in the writing transaction). An ARN
 * matches only exactly, path included. Account roots, sessions, services, federated principals and `*`
 * are not bound: they name no role or user.
 */
export async function bindPrincipalIds(repos: PrincipalRepos, policy: PolicyDocument): Promise<PrincipalBinding> {
  const ids = new Map<string, string>();
  const missing: string[] = [];
  for (const statement of policy.statements) {
    for (const value of statement.principal?.principals.aws ?? []) {
      if (ids.has(value) || missing.includes(value)) continue;
      const match = IAM_PRINCIPAL_ARN.exec(value);
      if (match === null) continue;
      const [, accountId = '', kind, , name = ''] = match;
      const entity =
        kind === 'role'
          ? await repos.roles.get(accountId, name).then((r) => r && { id: r.roleId, arn: principalArn('role', r.accountId, r.path, r.name) })
          : await repos.users.get(accountId, name).then((u) => u && { id: u.userId, arn: principalArn('user', u.accountId, u.path, u.name) });
      if (entity !== undefined && entity.arn === value) ids.set(value, entity.id);
      else missing.push(value);
    }
  }
  return { ids, missing };
}

/** The ARN each bound unique ID's user or role has now; IDs of deleted entities are absent. */
export async function currentPrincipalArns(repos: PrincipalRepos, bound: PrincipalIds): Promise<ReadonlyMap<string, string>> {
  const arns = new Map<string, string>();
  for (const id of new Set(bound.values())) {
    if (id.startsWith('AROA')) {
      const r = await repos.roles.getById(id);
      if (r !== undefined) arns.set(id, principalArn('role', r.accountId, r.path, r.name));
    } else if (id.startsWith('AIDA')) {
      const u = await repos.users.getById(id);
      if (u !== undefined) arns.set(id, principalArn('user', u.accountId, u.path, u.name));
    }
  }
  return arns;
}
