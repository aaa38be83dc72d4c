import { expect, it } from 'vitest';
import { StoreConflict } from './conflict.ts';
import { StoreReadOnlyError, StoreReentryError } from './scope.ts';
import { account, at, role, seed, storeWithAccount, user } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();
const acct = '111122223333';

variants.describe('Every write transaction raises the revision once; refused and failed ones leave no trace', (stores) => {
  it('a fresh store is at revision 0 and each write raises it by one', async () => {
    const store = await stores.fresh();
    expect(await store.revision()).toBe(0);
    await seed(store.accounts.insert(account(acct)));
    expect(await store.revision()).toBe(1);
    await seed(store.roles.insert(role(acct, 'Builder')));
    await store.roles.update(role(acct, 'Builder').roleId, { description: 'builds' });
    expect(await store.revision()).toBe(3);
  });

  it('a refused insert (name taken) writes nothing and leaves the revision where it was', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    await seed(store.roles.insert(role(acct, 'Builder')));
    const before = await store.revision();
    const refused = await store.roles.insert(role(acct, 'BUILDER', { roleId: 'AROAOTHERROLEID00001' }));
    expect(refused).toBeInstanceOf(StoreConflict);
    expect(refused).toMatchObject({ code: 'StoreConflict', entity: 'role', key: 'BUILDER' });
    expect(await store.revision()).toBe(before);
    expect(await store.roles.getById('AROAOTHERROLEID00001')).toBeUndefined();
  });

  it('a transaction commits all its writes together and raises the revision once', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const before = await store.revision();
    const seenInside = await store.transaction(async (tx) => {
      await seed(tx.roles.insert(role(acct, 'A')));
      await seed(tx.roles.insert(role(acct, 'B')));
      await tx.inlinePolicies.put({
        principalId: role(acct, 'A').roleId,
        principalType: 'role',
        accountId: acct,
        policyName: 'inline',
        document: '{}',
      });
      return tx.revision();
    });
    expect(seenInside).toBe(before + 1);
    expect(await store.revision()).toBe(before + 1);
    expect((await store.roles.all(acct)).map((r) => r.name)).toEqual(['A', 'B']);
    expect(await store.inlinePolicies.get(role(acct, 'A').roleId, 'INLINE')).toMatchObject({ policyName: 'inline' });
  });

  it('a transaction that throws leaves nothing written and the revision unchanged', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const before = await store.revision();
    const failure = new Error('service refused half-way');
    await expect(
      store.transaction(async (tx) => {
        await seed(tx.roles.insert(role(acct, 'A')));
        await tx.accounts.update(acct, { name: 'renamed' });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await store.revision()).toBe(before);
    expect(await store.roles.get(acct, 'A')).toBeUndefined();
    expect((await store.accounts.get(acct))?.name).toBe(account(acct).name);
  });

  it('a conflict inside a transaction is returned and the transaction can go on (PostgreSQL would otherwise abort it)', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    await seed(store.users.insert(user(acct, 'alice')));
    await seed(store.users.insert(user(acct, 'bob')));
    await store.transaction(async (tx) => {
      expect(await tx.users.insert(user(acct, 'ALICE', { userId: 'AIDAOTHERUSERID00001' }))).toBeInstanceOf(StoreConflict);
      // A rename onto a taken name: an UPDATE, refused by the unique index inside a savepoint.
      expect(await tx.users.update(user(acct, 'bob').userId, { name: 'Alice' })).toBeInstanceOf(StoreConflict);
      await seed(tx.users.insert(user(acct, 'carol')));
    });
    expect((await store.users.all(acct)).map((u) => u.name)).toEqual(['alice', 'bob', 'carol']);
  });

  it('audit events and last-used times do not raise the revision (they feed no snapshot)', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const created = await seed(store.roles.insert(role(acct, 'A')));
    const before = await store.revision();
    expect(await store.roles.recordUse(created.roleId, { at: at(60), region: 'us-east-1' })).toBe(true);
    await store.auditEvents.append([
      {
        eventId: 'e1',
        eventTime: at(61),
        eventName: 'GetRole',
        eventSource: 'iam.amazonaws.com',
        accountId: acct,
        principalArn: undefined,
        roleArn: undefined,
        accessKeyId: undefined,
        errorCode: undefined,
        requestId: 'r1',
        sourceIp: '127.0.0.1',
        event: { eventVersion: '1.08' },
      },
    ]);
    expect(await store.revision()).toBe(before);
    expect((await store.roles.getById(created.roleId))?.lastUsed).toEqual({ at: at(60), region: 'us-east-1' });
  });
});

variants.describe('Write transactions are serialised, so a read-check-write never loses an update', (stores) => {
  it('ten concurrent read-modify-write transactions on one role keep all ten changes', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const { roleId } = await seed(store.roles.insert(role(acct, 'Tagged')));
    const before = await store.revision();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.transaction(async (tx) => {
          const current = await tx.roles.getById(roleId);
          if (current === undefined) throw new Error('role vanished');
          await new Promise((r) => setTimeout(r, 2)); // let the others try to interleave
          await tx.roles.update(roleId, { tags: [...current.tags, { key: `k${i}`, value: String(i) }] });
        }),
      ),
    );
    const tags = (await store.roles.getById(roleId))?.tags ?? [];
    expect(tags.map((t) => t.key).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`).sort());
    expect(await store.revision()).toBe(before + 10);
  });
});

variants.describe('Read transactions see one state and refuse to write', (stores) => {
  it('a write attempted in store.read is refused with StoreReadOnlyError and nothing changes', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const before = await store.revision();
    await expect(store.read((tx) => tx.roles.insert(role(acct, 'A')))).rejects.toBeInstanceOf(StoreReadOnlyError);
    expect(await store.roles.get(acct, 'A')).toBeUndefined();
    expect(await store.revision()).toBe(before);
  });

  it('a read transaction keeps its view while another handle commits', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const replica = await stores.reopen();
    const snapshot = await store.read(async (tx) => {
      const revision = await tx.revision();
      const rolesBefore = await tx.roles.all();
      await seed(replica.roles.insert(role(acct, 'LateComer')));
      return { revision, rolesBefore, rolesAfter: await tx.roles.all(), revisionAfter: await tx.revision() };
    });
    expect(snapshot.rolesBefore).toEqual([]);
    expect(snapshot.rolesAfter).toEqual([]);
    expect(snapshot.revisionAfter).toBe(snapshot.revision);
    expect(await store.revision()).toBe(snapshot.revision + 1);
  });
});

variants.describe('The schema is migrated once and survives a restart', (stores, kind) => {
  it('reopening keeps every row and the revision, and does not re-run migrations', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    await seed(store.users.insert(user(acct, 'alice', { tags: [{ key: 'team', value: 'blue' }] })));
    const revision = await store.revision();
    await store.close();
    const again = await stores.reopen();
    expect(await again.revision()).toBe(revision);
    expect(await again.users.get(acct, 'ALICE')).toEqual(user(acct, 'alice', { tags: [{ key: 'team', value: 'blue' }] }));
  });

  // Replicas are PostgreSQL's case. Two SQLite handles in one process cannot wait for each
  // other (node:sqlite blocks the event loop while it waits); processes sharing one file are
  // tested in sqlite-dialect.test.ts.
  it.runIf(kind === 'postgres')('two replicas starting at the same moment on a new database migrate it once', async () => {
    await stores.blank();
    const [a, b] = await Promise.all([stores.reopen(), stores.reopen()]);
    await seed(a.accounts.insert(account(acct)));
    expect(await b.accounts.get(acct)).toEqual(account(acct));
  });
});

variants.describe('Using the store instead of the transaction handle fails at once rather than hanging', (stores) => {
  it('reads, writes and nested transactions on the store inside store.transaction or store.read throw StoreReentryError', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    const before = await store.revision();
    await expect(store.transaction(() => store.roles.get(acct, 'A'))).rejects.toBeInstanceOf(StoreReentryError);
    await expect(store.transaction(() => store.roles.insert(role(acct, 'A')))).rejects.toBeInstanceOf(StoreReentryError);
    await expect(store.read(() => store.revision())).rejects.toBeInstanceOf(StoreReentryError);
    await expect(store.transaction(() => store.transaction(async () => 1))).rejects.toBeInstanceOf(StoreReentryError);
    expect(await store.revision()).toBe(before);
    expect(await store.roles.get(acct, 'A')).toBeUndefined();
  });

  it('work left behind by a finished transaction (a timer) may use the store', async () => {
    const store = await storeWithAccount(await stores.fresh(), acct);
    let later: Promise<unknown> | undefined;
    await store.transaction(async () => {
      later = new Promise((resolve, reject) => setTimeout(() => store.roles.insert(role(acct, 'Later')).then(resolve, reject), 5));
    });
    await later;
    expect((await store.roles.get(acct, 'later'))?.name).toBe('Later');
  });
});
