import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindPrincipalIds } from '../identity/index.ts';
import { parsePolicy, type RequestPrincipal } from '../policy/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { account, at, role, seed } from '../store/testing/fixtures.ts';
import { BucketDirectory } from './bucket-directory.ts';

const A = '111122223333';
const READER = `arn:aws:iam::${A}:role/Reader`;
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: READER }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::pics/*' }],
});
const session: RequestPrincipal = { type: 'AssumedRole', arn: `arn:aws:sts::${A}:assumed-role/Reader/s`, roleArn: READER, accountId: A };

let store: Store;
let revision = 0;
beforeEach(async () => {
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
  await seed(store.accounts.insert(account(A)));
  await seed(store.roles.insert(role(A, 'Reader', { roleId: 'AROAREADEROLD0000001' })));
  await seed(store.s3Buckets.insert({ name: 'pics', accountId: A, region: 'us-east-1', createdAt: at(), tags: [], policy: undefined, publicAccessBlock: undefined }));
  const parsed = parsePolicy(POLICY, { policyType: 'RESOURCE_POLICY' });
  if (!parsed.ok) throw new Error('policy');
  await store.s3Buckets.setPolicy('pics', POLICY, (await bindPrincipalIds(store, parsed.policy)).ids);
});
afterEach(async () => {
  await store.close();
});

describe('IAM User Guide, "AWS JSON policy elements: Principal": a bucket policy names roles and users by the unique IDs they had when it was put', () => {
  it('grants the named role while it exists, and GetBucketPolicy shows the policy as written', async () => {
    const entry = await new BucketDirectory(store, () => revision).get('pics');
    expect(entry?.policy?.statements[0]?.principal?.(session)).toBe('role');
    expect(entry?.shownPolicy).toBe(POLICY);
  });

  it('a role deleted and recreated under the same name is not granted, and the policy shows the old AROA ID', async () => {
    const directory = new BucketDirectory(store, () => revision);
    await directory.get('pics');
    await store.roles.delete('AROAREADEROLD0000001');
    await seed(store.roles.insert(role(A, 'Reader', { roleId: 'AROAREADERNEW0000002' })));
    revision += 1;
    const entry = await directory.get('pics');
    expect(entry?.policy?.statements[0]?.principal?.(session)).toBeUndefined();
    expect(JSON.parse(entry?.shownPolicy ?? '')).toMatchObject({ Statement: [{ Principal: { AWS: 'AROAREADEROLD0000001' } }] });
    expect(entry?.bucket.policy).toBe(POLICY);
  });
});
