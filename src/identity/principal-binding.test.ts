import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePolicy, type PolicyDocument, type RequestPrincipal } from '../policy/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { account, role, seed, user } from '../store/testing/fixtures.ts';
import { bindPrincipalIds, currentPrincipalArns } from './principal-binding.ts';
import { buildSnapshot, PolicyMemo } from './snapshot.ts';

const A = '111122223333';
const ALICE = `arn:aws:iam::${A}:user/alice`;
const BUILDER = `arn:aws:iam::${A}:role/ci/Builder`;

function trustOf(...principals: string[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principals }, Action: 'sts:AssumeRole' }] });
}

function parsed(text: string): PolicyDocument {
  const result = parsePolicy(text, { policyType: 'TRUST_POLICY' });
  if (!result.ok) throw new Error(result.errors[0]?.message);
  return result.policy;
}

// Whoever is called alice now: the matcher sees the caller's ARN, the same for the old and the new user.
const aliceCaller: RequestPrincipal = { type: 'User', arn: ALICE, accountId: A };

let store: Store;
beforeEach(async () => {
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
  await seed(store.accounts.insert(account(A)));
  await seed(store.users.insert(user(A, 'alice', { userId: 'AIDAALICEOLD00000001' })));
  await seed(store.roles.insert(role(A, 'Builder', { roleId: 'AROABUILDER000000001', path: '/ci/' })));
});
afterEach(async () => {
  await store.close();
});

describe('IAM User Guide, "AWS JSON policy elements: Principal": role and user ARNs are transformed to unique principal IDs when the policy is saved', () => {
  it('binds each existing role or user ARN (path included) to its unique ID; account roots and sessions are not bound; others are missing', async () => {
    const policy = parsed(
      trustOf(ALICE, BUILDER, `arn:aws:iam::${A}:root`, A, `arn:aws:sts::${A}:assumed-role/Builder/s1`, `arn:aws:iam::${A}:role/Builder`, `arn:aws:iam::${A}:user/bob`, ALICE),
    );
    const binding = await bindPrincipalIds(store, policy);
    expect([...binding.ids]).toEqual([
      [ALICE, 'AIDAALICEOLD00000001'],
      [BUILDER, 'AROABUILDER000000001'],
    ]);
    expect(binding.missing).toEqual([`arn:aws:iam::${A}:role/Builder`, `arn:aws:iam::${A}:user/bob`]);
  });

  it('the current ARN of each bound ID; a deleted entity has none', async () => {
    const bound = new Map([
      [ALICE, 'AIDAALICEOLD00000001'],
      [BUILDER, 'AROABUILDER000000001'],
    ]);
    expect([...(await currentPrincipalArns(store, bound))]).toEqual([
      ['AIDAALICEOLD00000001', ALICE],
      ['AROABUILDER000000001', BUILDER],
    ]);
    await store.users.delete('AIDAALICEOLD00000001');
    expect([...(await currentPrincipalArns(store, bound))]).toEqual([['AROABUILDER000000001', BUILDER]]);
  });

  it('a trust policy naming a user stops matching when the user is deleted and recreated under the same name', async () => {
    const text = trustOf(ALICE);
    const { ids } = await bindPrincipalIds(store, parsed(text));
    await seed(store.roles.insert(role(A, 'Target', { roleId: 'AROATARGET0000000001', assumeRolePolicy: text, trustPrincipalIds: ids })));
    const memo = new PolicyMemo();
    const before = await buildSnapshot(store, memo);
    expect(before.principalArnOf('AIDAALICEOLD00000001')).toBe(ALICE);
    expect(before.role(A, 'Target')?.trust?.statements[0]?.principal?.(aliceCaller)).toBe('exact');

    await store.users.delete('AIDAALICEOLD00000001');
    await seed(store.users.insert(user(A, 'alice', { userId: 'AIDAALICENEW00000002' })));
    const after = await buildSnapshot(store, memo);
    expect(after.principalArnOf('AIDAALICEOLD00000001')).toBeUndefined();
    const trust = after.role(A, 'Target')?.trust;
    expect(trust?.statements[0]?.principal?.(aliceCaller)).toBeUndefined();
    expect(trust?.document.statements[0]?.principal?.principals.aws).toEqual(['AIDAALICEOLD00000001']);
  });

  it('a trust policy written before bindings existed (no IDs stored) matches by ARN as written', async () => {
    await seed(store.roles.insert(role(A, 'Legacy', { assumeRolePolicy: trustOf(ALICE) })));
    await store.users.delete('AIDAALICEOLD00000001');
    await seed(store.users.insert(user(A, 'alice', { userId: 'AIDAALICENEW00000002' })));
    const snapshot = await buildSnapshot(store, new PolicyMemo());
    expect(snapshot.role(A, 'Legacy')?.trust?.statements[0]?.principal?.(aliceCaller)).toBe('exact');
  });
});
