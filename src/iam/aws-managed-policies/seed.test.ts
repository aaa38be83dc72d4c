// The shipped AWS managed policies (AWS Managed Policy Reference Guide) and their seeding at start.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../policy/index.ts';
import { openStore, type Store } from '../../store/index.ts';
import { awsManagedPolicies, seedAwsManagedPolicies } from './seed.ts';

describe('AWS managed policies shipped under arn:aws:iam::aws:policy/ (AWS Managed Policy Reference Guide)', () => {
  const shipped = awsManagedPolicies();

  it('has every policy the seeds and common EKS set-ups attach, with IAM policy IDs', () => {
    expect(shipped.map((p) => p.policy.name)).toEqual(
      expect.arrayContaining(['AdministratorAccess', 'ReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy']),
    );
    for (const { policy } of shipped) {
      expect(policy.arn).toBe(`arn:aws:iam::aws:policy${policy.path}${policy.name}`);
      expect(policy.policyId).toMatch(/^ANPA[A-Z0-9]{17}$/);
      expect(policy.accountId).toBeUndefined();
    }
  });

  it('every default version parses as an identity policy (the snapshot would silently skip one that does not)', () => {
    for (const { policy, version } of shipped) {
      const parsed = parsePolicy(version.document, { policyType: 'IDENTITY_POLICY' });
      expect(parsed.ok, `${policy.name}: ${parsed.ok ? '' : JSON.stringify(parsed.errors[0])}`).toBe(true);
      expect(version.versionId).toBe(policy.defaultVersionId);
      expect(version.versionId).toMatch(/^v[1-9]\d*$/);
    }
  });

  // AWS Managed Policy Reference Guide: some AWS managed policies live under a path, such as
  // service-role/AWSLambdaBasicExecutionRole and job-function/ViewOnlyAccess.
  it('keeps the paths AWS gives its managed policies, and IDs unique among them', () => {
    const arns = shipped.map((p) => p.policy.arn);
    expect(arns).toEqual(
      expect.arrayContaining([
        'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
        'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
        'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
        'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
      ]),
    );
    expect(new Set(shipped.map((p) => p.policy.policyId)).size).toBe(shipped.length);
  });

  it('AdministratorAccess is Allow * on *', () => {
    const admin = shipped.find((p) => p.policy.name === 'AdministratorAccess');
    expect(JSON.parse(admin?.version.document ?? '')).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  });
});

describe('seedAwsManagedPolicies: idempotent at every start', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', path: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('inserts them once and leaves the revision alone on later starts', async () => {
    await seedAwsManagedPolicies(store);
    const after = await store.revision();
    await seedAwsManagedPolicies(store);
    expect(await store.revision()).toBe(after);
    const all = await store.managedPolicies.all();
    expect(all).toHaveLength(awsManagedPolicies().length);
  });

  it('brings a stored older default version up to the shipped one', async () => {
    const [first] = awsManagedPolicies();
    if (first === undefined) throw new Error('nothing shipped');
    await store.managedPolicies.insert({ ...first.policy, defaultVersionId: 'v0' }, { ...first.version, versionId: 'v0' });
    await seedAwsManagedPolicies(store);
    expect((await store.managedPolicies.get(first.policy.arn))?.defaultVersionId).toBe(first.policy.defaultVersionId);
    expect((await store.managedPolicies.listVersions(first.policy.arn)).map((v) => v.versionId)).toEqual(['v0', first.version.versionId]);
  });
});
