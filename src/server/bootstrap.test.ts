// First start (issue 3, "Starting it"): the management account and an administrator access key. The
// administrator is an IAM user with AdministratorAccess, not the account root (IAM User Guide, "Root user
// best practices for your AWS account": do not create root access keys; STS refuses root for AssumeRole).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/index.ts';
import { ADMIN_USER_NAME, bootstrap } from './bootstrap.ts';

const ACCOUNT = '123456789012';
const now = new Date('2026-11-23T12:00:00Z');
let store: Store;
beforeEach(async () => {
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

async function adminUser() {
  const user = await store.users.get(ACCOUNT, ADMIN_USER_NAME);
  if (user === undefined) throw new Error('no admin user');
  return user;
}

describe('bootstrap: the administrator', () => {
  it('an empty store gets the management account and the IAM user admin with an active key', async () => {
    const keys = await bootstrap(store, { accountId: ACCOUNT, now });
    expect(keys.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(await store.accounts.get(ACCOUNT)).toMatchObject({ id: ACCOUNT, status: 'ACTIVE' });
    const user = await adminUser();
    expect(await store.accessKeys.get(keys.accessKeyId)).toMatchObject({ userId: user.userId, accountId: ACCOUNT, status: 'Active', secretAccessKey: keys.secretAccessKey });
    // No root access keys.
    expect(await store.accessKeys.listForUser(ACCOUNT, undefined)).toEqual([]);
  });

  it('without the AWS managed policies in the store, AdministratorAccess is given inline (Allow * on *)', async () => {
    await bootstrap(store, { accountId: ACCOUNT, now });
    const user = await adminUser();
    const inline = await store.inlinePolicies.get(user.userId, 'AdministratorAccess');
    expect(JSON.parse(inline?.document ?? '{}')).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  });

  it('a second start returns the same key', async () => {
    const first = await bootstrap(store, { accountId: ACCOUNT, now });
    expect(await bootstrap(store, { accountId: ACCOUNT, now })).toEqual(first);
  });

  it("keys from the environment become the administrator's, replacing a key of that ID held by someone else", async () => {
    const wanted = { accessKeyId: 'AKIAPODIAMTESTKEY001', secretAccessKey: 'secret-secret-secret-1' };
    await bootstrap(store, { accountId: ACCOUNT, now });
    await store.accessKeys.insert({ ...wanted, secretAccessKey: 'old-secret', accountId: ACCOUNT, userId: undefined, status: 'Active', createdAt: now });
    expect(await store.accessKeys.get(wanted.accessKeyId)).toMatchObject({ userId: undefined });
    expect(await bootstrap(store, { accountId: ACCOUNT, now, adminKey: wanted })).toEqual(wanted);
    expect(await store.accessKeys.get(wanted.accessKeyId)).toMatchObject({ userId: (await adminUser()).userId, secretAccessKey: wanted.secretAccessKey });
  });

  it('a data directory from before the administrator existed keeps its root key', async () => {
    await store.accounts.insert({ id: ACCOUNT, name: 'management', email: 'm@example.com', organizationId: undefined, parentId: undefined, status: 'ACTIVE', joinedMethod: 'CREATED', createdAt: now });
    const legacy = { accessKeyId: 'AKIAPODIAMLEGACY0001', secretAccessKey: 'legacy-secret-legacy' };
    await store.accessKeys.insert({ ...legacy, accountId: ACCOUNT, userId: undefined, status: 'Active', createdAt: now });
    expect(await bootstrap(store, { accountId: ACCOUNT, now })).toEqual(legacy);
    expect(await store.users.get(ACCOUNT, ADMIN_USER_NAME)).toBeUndefined();
  });
});
