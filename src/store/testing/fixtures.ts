import { createHash } from 'node:crypto';
import type { Account } from '../accounts.ts';
import type { NewAccessKey } from '../access-keys.ts';
import { StoreConflict } from '../conflict.ts';
import type { IamGroup } from '../iam-groups.ts';
import type { NewIamRole } from '../iam-roles.ts';
import type { IamUser } from '../iam-users.ts';
import type { ManagedPolicy, PolicyVersion } from '../iam-managed-policies.ts';
import type { Store } from '../store.ts';

// Records for store tests: fixed times and unique IDs made from the name, so a test states only
// what it is about.

/** A fixed instant, plus `seconds`. */
export function at(seconds = 0): Date {
  return new Date(Date.UTC(2025, 0, 15, 12, 0, 0) + seconds * 1000);
}

// IAM unique IDs are 21 characters: a 4-letter prefix and 17 of base32-like text; here, a hash of the name.
const idSuffix = (name: string): string => createHash('sha256').update(name).digest('hex').toUpperCase().slice(0, 17);

export function account(id: string, overrides: Partial<Account> = {}): Account {
  return {
    id,
    name: `account ${id}`,
    email: `${id}@example.com`,
    organizationId: undefined,
    parentId: undefined,
    status: 'ACTIVE',
    joinedMethod: 'CREATED',
    createdAt: at(),
    ...overrides,
  };
}

export function user(accountId: string, name: string, overrides: Partial<IamUser> = {}): IamUser {
  return {
    userId: `AIDA${idSuffix(`${accountId}/${name}`)}`,
    accountId,
    name,
    path: '/',
    permissionsBoundaryArn: undefined,
    tags: [],
    createdAt: at(),
    ...overrides,
  };
}

export function group(accountId: string, name: string, overrides: Partial<IamGroup> = {}): IamGroup {
  return { groupId: `AGPA${idSuffix(`${accountId}/${name}`)}`, accountId, name, path: '/', createdAt: at(), ...overrides };
}

export const trustPolicy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';

export function role(accountId: string, name: string, overrides: Partial<NewIamRole> = {}): NewIamRole {
  return {
    roleId: `AROA${idSuffix(`${accountId}/${name}`)}`,
    accountId,
    name,
    path: '/',
    assumeRolePolicy: trustPolicy,
    trustPrincipalIds: new Map(),
    description: undefined,
    maxSessionDuration: 3600,
    permissionsBoundaryArn: undefined,
    tags: [],
    createdAt: at(),
    ...overrides,
  };
}

export const allowAll = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

export function managedPolicy(accountId: string | undefined, name: string, overrides: Partial<ManagedPolicy> = {}): ManagedPolicy {
  const path = overrides.path ?? '/';
  return {
    arn: `arn:aws:iam::${accountId ?? 'aws'}:policy${path}${name}`,
    accountId,
    name,
    path,
    policyId: `ANPA${idSuffix(`${accountId ?? 'aws'}${path}${name}`)}`,
    defaultVersionId: 'v1',
    description: undefined,
    tags: [],
    isAttachable: true,
    createdAt: at(),
    updatedAt: at(),
    ...overrides,
  };
}

export function version(policyArn: string, versionId: string, document = allowAll): PolicyVersion {
  return { policyArn, versionId, document, createdAt: at() };
}

export function accessKey(accountId: string, userId: string | undefined, suffix: string, overrides: Partial<NewAccessKey> = {}): NewAccessKey {
  return {
    accessKeyId: `AKIA${suffix.toUpperCase().padEnd(16, 'X')}`,
    accountId,
    userId,
    secretAccessKey: `secret-${suffix}`,
    status: 'Active',
    createdAt: at(),
    ...overrides,
  };
}

/** Awaits an insert and fails the test if it was refused. */
export async function seed<T>(insert: Promise<T | StoreConflict>): Promise<T> {
  const result = await insert;
  if (result instanceof StoreConflict) throw new Error(`seed refused: ${result.entity} ${result.key}`);
  return result;
}

/** A store with one account in it. */
export async function storeWithAccount(store: Store, accountId = '111122223333'): Promise<Store> {
  await seed(store.accounts.insert(account(accountId)));
  return store;
}

/** What each transaction of the crash-test writer (sqlite-writer.ts) writes. */
export const crashWorkload = { accountId: '123456789012', policiesPerCommit: 5, eventsPerCommit: 20 } as const;
