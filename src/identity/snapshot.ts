// The in-memory, compiled picture of every account's identities and policies that the hot paths
// (credential checks, authorization) read. Built from the store in one consistent read, tagged with the
// store's revision, and rebuilt when the revision moves; compiled policies are reused across rebuilds.
import { compilePolicy, parsePolicy, type CompiledPolicy, type PolicyKind, type PolicyType } from '../policy/index.ts';
import type { AccessKey, Account, IamRole, IamUser, OidcProvider, OrgPolicyType, Store, StoreTx, Tag } from '../store/index.ts';
import { principalRewrites, rewritePrincipals, type PrincipalRewrites } from './principal-rewrites.ts';

/** Tags as a map (the policy engine's `aws:PrincipalTag/…` keys read them). */
export type TagMap = Readonly<Record<string, string>>;

/** An IAM user with its compiled policies. */
export interface UserEntry {
  readonly user: IamUser;
  readonly arn: string;
  /** Inline, attached managed, and its groups' policies. */
  readonly policies: readonly CompiledPolicy[];
  readonly boundary: CompiledPolicy | undefined;
  readonly tags: TagMap;
}

/** An IAM role with its compiled trust policy and permissions. */
export interface RoleEntry {
  readonly role: IamRole;
  readonly arn: string;
  /** The trust policy, its bound role and user principals as they read now (`principalRewrites`). */
  readonly trust: CompiledPolicy | undefined;
  readonly policies: readonly CompiledPolicy[];
  readonly boundary: CompiledPolicy | undefined;
  readonly tags: TagMap;
}

/** An account and the organisation policies that apply to it. */
export interface AccountEntry {
  readonly account: Account;
  readonly isManagement: boolean;
  readonly organizationId: string | undefined;
  /** SCPs by level (root first, the account last); undefined when SCPs do not apply. */
  readonly scps: readonly (readonly CompiledPolicy[])[] | undefined;
  /** RCPs by level; undefined when RCPs do not apply. */
  readonly rcps: readonly (readonly CompiledPolicy[])[] | undefined;
}

/** The compiled state. Lookups by name are case-insensitive, as IAM names are. */
export interface IamSnapshot {
  readonly revision: number;
  readonly accessKeys: ReadonlyMap<string, AccessKey>;
  readonly accounts: ReadonlyMap<string, AccountEntry>;
  readonly usersById: ReadonlyMap<string, UserEntry>;
  user(accountId: string, name: string): UserEntry | undefined;
  role(accountId: string, name: string): RoleEntry | undefined;
  roleByArn(arn: string): RoleEntry | undefined;
  /** The ARN of the user or role with this unique ID (AIDA…, AROA…) now; undefined once it is deleted. */
  principalArnOf(uniqueId: string): string | undefined;
  /** The default version of a managed policy, compiled. */
  managedPolicy(arn: string): CompiledPolicy | undefined;
  /** An OIDC provider registered in the account for this URL (stored without `https://`). */
  oidcProvider(accountId: string, url: string): OidcProvider | undefined;
}

/** IAM ARNs of users and roles: `arn:aws:iam::ACCOUNT:user/path/name`. */
export function principalArn(kind: 'user' | 'role' | 'group', accountId: string, path: string, name: string): string {
  return `arn:aws:iam::${accountId}:${kind}${path}${name}`;
}

const key = (accountId: string, name: string): string => `${accountId}/${name.toLowerCase()}`;

/** Compiled policies kept across rebuilds, by source and text, so a rebuild compiles only what changed. */
export class PolicyMemo {
  #entries = new Map<string, CompiledPolicy | null>();
  #used = new Set<string>();

  /**
   * The compiled policy, or undefined when the stored text does not parse (it was validated on write).
   * `rewrites` replace bound principals before compiling (a resource-based policy's deleted role or user).
   */
  compile(id: string, kind: PolicyKind, type: PolicyType, text: string, rewrites?: PrincipalRewrites): CompiledPolicy | undefined {
    const rewritten = rewrites === undefined || rewrites.size === 0 ? '' : JSON.stringify([...rewrites]);
    const k = `${kind}\u0000${id}\u0000${rewritten}\u0000${text}`;
    this.#used.add(k);
    let entry = this.#entries.get(k);
    if (entry === undefined) {
      const parsed = parsePolicy(text, { policyType: type });
      entry = parsed.ok ? compilePolicy(rewrites === undefined ? parsed.policy : rewritePrincipals(parsed.policy, rewrites), { id, kind }) : null;
      this.#entries.set(k, entry);
    }
    return entry ?? undefined;
  }

  /** Forgets what the last build did not use. */
  sweep(): void {
    for (const k of this.#entries.keys()) if (!this.#used.has(k)) this.#entries.delete(k);
    this.#used = new Set();
  }
}

function tagMap(tags: readonly Tag[]): TagMap {
  const out: Record<string, string> = {};
  for (const tag of tags) out[tag.key] = tag.value;
  return out;
}

/** Reads the whole IAM and Organizations state in one consistent read and compiles it. */
export async function buildSnapshot(store: Store, memo: PolicyMemo): Promise<IamSnapshot> {
  const snapshot = await store.read((tx) => readSnapshot(tx, memo));
  memo.sweep();
  return snapshot;
}

async function readSnapshot(tx: StoreTx, memo: PolicyMemo): Promise<IamSnapshot> {
  const [revision, accessKeys, accounts, organizations, orgPolicies, orgAttachments, users, groups, memberships, roles, inline, managed, defaults, attachments, providers] =
    await Promise.all([
      tx.revision(),
      tx.accessKeys.all(),
      tx.accounts.all(),
      tx.organizations.all(),
      tx.orgPolicies.all(),
      tx.orgPolicies.allAttachments(),
      tx.users.all(),
      tx.groups.all(),
      tx.groups.allMemberships(),
      tx.roles.all(),
      tx.inlinePolicies.all(),
      tx.managedPolicies.all(),
      tx.managedPolicies.allDefaultVersions(),
      tx.policyAttachments.all(),
      tx.oidcProviders.all(),
    ]);

  const managedCompiled = new Map<string, CompiledPolicy>();
  for (const version of defaults) {
    const compiled = memo.compile(version.policyArn, 'IdentityPolicy', 'IDENTITY_POLICY', version.document);
    if (compiled !== undefined) managedCompiled.set(version.policyArn, compiled);
  }
  const boundaryCache = new Map<string, CompiledPolicy | undefined>();
  const boundary = (arn: string | undefined): CompiledPolicy | undefined => {
    if (arn === undefined) return undefined;
    if (!boundaryCache.has(arn)) {
      const version = defaults.find((v) => v.policyArn === arn);
      boundaryCache.set(arn, version === undefined ? undefined : memo.compile(arn, 'PermissionsBoundary', 'PERMISSIONS_BOUNDARY', version.document));
    }
    return boundaryCache.get(arn);
  };

  const policiesOf = new Map<string, CompiledPolicy[]>();
  const push = (principalId: string, policy: CompiledPolicy | undefined) => {
    if (policy === undefined) return;
    let list = policiesOf.get(principalId);
    if (list === undefined) policiesOf.set(principalId, (list = []));
    list.push(policy);
  };
  const nameOf = new Map<string, string>();
  for (const u of users) nameOf.set(u.userId, `user/${u.name}`);
  for (const r of roles) nameOf.set(r.roleId, `role/${r.name}`);
  for (const g of groups) nameOf.set(g.groupId, `group/${g.name}`);
  for (const p of inline) {
    push(p.principalId, memo.compile(`${nameOf.get(p.principalId) ?? p.principalId}/${p.policyName}`, 'IdentityPolicy', 'IDENTITY_POLICY', p.document));
  }
  for (const a of attachments) push(a.principalId, managedCompiled.get(a.policyArn));
  for (const m of memberships) for (const p of policiesOf.get(m.groupId) ?? []) push(m.userId, p);

  const usersByKey = new Map<string, UserEntry>();
  const usersById = new Map<string, UserEntry>();
  for (const user of users) {
    const entry: UserEntry = {
      user,
      arn: principalArn('user', user.accountId, user.path, user.name),
      policies: policiesOf.get(user.userId) ?? [],
      boundary: boundary(user.permissionsBoundaryArn),
      tags: tagMap(user.tags),
    };
    usersByKey.set(key(user.accountId, user.name), entry);
    usersById.set(user.userId, entry);
  }
  const arnOfId = new Map<string, string>();
  for (const [id, entry] of usersById) arnOfId.set(id, entry.arn);
  for (const role of roles) arnOfId.set(role.roleId, principalArn('role', role.accountId, role.path, role.name));
  const principalArnOf = (uniqueId: string): string | undefined => arnOfId.get(uniqueId);
  const rolesByKey = new Map<string, RoleEntry>();
  const rolesByArn = new Map<string, RoleEntry>();
  for (const role of roles) {
    const arn = principalArn('role', role.accountId, role.path, role.name);
    const rewrites = principalRewrites(role.trustPrincipalIds, principalArnOf);
    const entry: RoleEntry = {
      role,
      arn,
      trust: memo.compile(`${arn}#trust`, 'ResourcePolicy', 'TRUST_POLICY', role.assumeRolePolicy, rewrites),
      policies: policiesOf.get(role.roleId) ?? [],
      boundary: boundary(role.permissionsBoundaryArn),
      tags: tagMap(role.tags),
    };
    rolesByKey.set(key(role.accountId, role.name), entry);
    rolesByArn.set(arn, entry);
  }

  // Organisation policies by target, then per account by level (root, the account itself).
  const orgPolicyById = new Map(orgPolicies.map((p) => [p.id, p]));
  const attachedTo = new Map<string, CompiledPolicy[]>();
  for (const a of orgAttachments) {
    const policy = orgPolicyById.get(a.policyId);
    if (policy === undefined) continue;
    const isScp = policy.type === 'SERVICE_CONTROL_POLICY';
    const compiled = memo.compile(
      policy.id,
      isScp ? 'ServiceControlPolicy' : 'ResourceControlPolicy',
      isScp ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY',
      policy.content,
    );
    if (compiled === undefined) continue;
    const k = `${policy.type}/${a.targetId}`;
    attachedTo.set(k, [...(attachedTo.get(k) ?? []), compiled]);
  }
  const accountEntries = new Map<string, AccountEntry>();
  for (const account of accounts) {
    const org = organizations.find((o) => o.id === account.organizationId);
    const isManagement = org !== undefined && org.managementAccountId === account.id;
    const levels = (type: OrgPolicyType): CompiledPolicy[][] | undefined => {
      if (org === undefined || isManagement || !org.enabledPolicyTypes.includes(type)) return undefined;
      const path = [org.rootId, ...(account.parentId !== undefined && account.parentId !== org.rootId ? [account.parentId] : []), account.id];
      return path.map((target) => attachedTo.get(`${type}/${target}`) ?? []);
    };
    accountEntries.set(account.id, {
      account,
      isManagement,
      organizationId: org?.id,
      scps: levels('SERVICE_CONTROL_POLICY'),
      rcps: levels('RESOURCE_CONTROL_POLICY'),
    });
  }

  const providersByKey = new Map(providers.map((p) => [`${p.accountId}|${p.url}`, p]));
  return {
    revision,
    accessKeys: new Map(accessKeys.map((k) => [k.accessKeyId, k])),
    accounts: accountEntries,
    usersById,
    user: (accountId, name) => usersByKey.get(key(accountId, name)),
    role: (accountId, name) => rolesByKey.get(key(accountId, name)),
    roleByArn: (arn) => rolesByArn.get(arn),
    principalArnOf,
    managedPolicy: (arn) => managedCompiled.get(arn),
    oidcProvider: (accountId, url) => providersByKey.get(`${accountId}|${url}`),
  };
}
