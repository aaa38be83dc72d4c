import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAwsError } from '../aws/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { resolveCaller } from './caller.ts';
import { sealSessionToken, type SessionKeyring } from './session-token.ts';
import { buildSnapshot, PolicyMemo, type IamSnapshot } from './snapshot.ts';

const ACCOUNT = '123456789012';
const NOW = new Date('2025-03-01T12:00:00Z');
const key = { id: 1, key: randomBytes(32) };
const keyring: SessionKeyring = { current: key, byId: new Map([[key.id, key]]) };

let store: Store;
let snapshot: IamSnapshot;

beforeAll(async () => {
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
  await store.accounts.insert({ id: ACCOUNT, name: 'm', email: 'm@example.com', organizationId: undefined, parentId: undefined, status: 'ACTIVE', joinedMethod: 'CREATED', createdAt: NOW });
  await store.users.insert({ userId: 'AIDAEXAMPLEUSER00001', accountId: ACCOUNT, name: 'alice', path: '/', permissionsBoundaryArn: undefined, tags: [], createdAt: NOW });
  await store.accessKeys.insert({ accessKeyId: 'AKIAEXAMPLEALICE0001', accountId: ACCOUNT, userId: 'AIDAEXAMPLEUSER00001', secretAccessKey: 's', status: 'Active', createdAt: NOW });
  await store.accessKeys.insert({ accessKeyId: 'AKIAEXAMPLEROOT00001', accountId: ACCOUNT, userId: undefined, secretAccessKey: 'r', status: 'Active', createdAt: NOW });
  snapshot = await buildSnapshot(store, new PolicyMemo());
});

afterAll(async () => {
  await store.close();
});

const sessionToken = () =>
  sealSessionToken(
    {
      akid: 'ASIAEXAMPLESESSION01',
      sk: 'x',
      iat: NOW.getTime() / 1000,
      exp: NOW.getTime() / 1000 + 3600,
      via: 'GetSessionToken',
      p: { type: 'User', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, userId: 'AIDAEXAMPLEUSER00001', userName: 'alice' },
    },
    keyring,
  );

// IAM User Guide, "Troubleshoot IAM" / STS "Common Errors" (InvalidClientTokenId): a session token is
// part of temporary credentials only; long-term keys sent with one (a stale AWS_SESSION_TOKEN) are refused.
describe('a session token is accepted only with temporary credentials (Common Errors: InvalidClientTokenId)', () => {
  it('resolves a long-term user key sent without a token', () => {
    const caller = resolveCaller(snapshot, keyring, 'AKIAEXAMPLEALICE0001', undefined, NOW.getTime(), 'query');
    expect(caller !== undefined && !isAwsError(caller) && caller.principal.arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
  });

  it('refuses a long-term user key sent with a valid session token (InvalidClientTokenId)', () => {
    const refused = resolveCaller(snapshot, keyring, 'AKIAEXAMPLEALICE0001', sessionToken(), NOW.getTime(), 'query');
    expect(refused !== undefined && isAwsError(refused) && refused.code).toBe('InvalidClientTokenId');
  });

  it('refuses a root key sent with a token, in each dialect (S3: InvalidToken)', () => {
    const query = resolveCaller(snapshot, keyring, 'AKIAEXAMPLEROOT00001', 'garbage', NOW.getTime(), 'query');
    const s3 = resolveCaller(snapshot, keyring, 'AKIAEXAMPLEROOT00001', 'garbage', NOW.getTime(), 's3');
    expect([query, s3].map((r) => (r !== undefined && isAwsError(r) ? r.code : 'accepted'))).toEqual(['InvalidClientTokenId', 'InvalidToken']);
  });
});
