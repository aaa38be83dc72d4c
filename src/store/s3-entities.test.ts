import { expect, it } from 'vitest';
import { StoreConflict } from './conflict.ts';
import type { S3Bucket } from './s3-buckets.ts';
import type { S3Object } from './s3-objects.ts';
import type { S3Upload } from './s3-uploads.ts';
import { prefixUpperBound } from './s3-key-range.ts';
import { account, at, seed } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();
const A = '111122223333';

function bucket(name: string, overrides: Partial<S3Bucket> = {}): S3Bucket {
  return {
    name,
    accountId: A,
    region: 'us-east-1',
    createdAt: at(),
    tags: [],
    policy: undefined,
    policyPrincipalIds: new Map(),
    publicAccessBlock: undefined,
    ...overrides,
  };
}

function object(bucketName: string, key: string, overrides: Partial<S3Object> = {}): S3Object {
  return {
    bucket: bucketName,
    key,
    size: 3,
    etag: 'acbd18db4cc2f85cedef654fccc4a4d8',
    lastModified: at(),
    checksum: undefined,
    contentType: 'text/plain',
    headers: {},
    metadata: {},
    tags: [],
    blobs: [],
    partsCount: undefined,
    data: new Uint8Array([102, 111, 111]),
    storageClass: 'STANDARD',
    ...overrides,
  };
}

function upload(uploadId: string, key: string, seconds = 0): S3Upload {
  return {
    uploadId,
    bucket: 'pics',
    key,
    initiated: at(seconds),
    initiator: { id: 'AIDAEXAMPLE', arn: `arn:aws:iam::${A}:user/alice` },
    contentType: undefined,
    headers: {},
    metadata: {},
    tags: [],
    checksumAlgorithm: undefined,
    storageClass: 'STANDARD',
  };
}

variants.describe('S3 buckets: global names, emptiness on delete, policy and public access block kept as put', (stores) => {
  it('names are global; the policy text, tags and block round-trip; a bucket with objects or uploads is not deleted', async () => {
    const store = await stores.fresh();
    await seed(store.accounts.insert(account(A)));
    const pics = await store.s3Buckets.insert(bucket('pics'));
    expect(pics).toEqual(bucket('pics'));
    expect(await store.s3Buckets.insert(bucket('pics', { region: 'eu-west-1' }))).toEqual(new StoreConflict('s3-bucket', 'pics'));
    const policy = '{ "Version": "2012-10-17", "Statement": [] }';
    const block = { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: false };
    await store.s3Buckets.setPolicy('pics', policy);
    await store.s3Buckets.setPublicAccessBlock('pics', block);
    await store.s3Buckets.setTags('pics', [{ key: 'Department', value: 'Finance' }]);
    const replica = await stores.reopen();
    expect(await replica.s3Buckets.get('pics')).toEqual(bucket('pics', { policy, publicAccessBlock: block, tags: [{ key: 'Department', value: 'Finance' }] }));
    expect(await replica.s3Buckets.setPolicy('nope', undefined)).toBeUndefined();

    // IAM User Guide, "AWS JSON policy elements: Principal": the role and user ARNs a bucket policy names
    // are kept with the unique IDs they had when it was put; a new policy (or none) replaces them.
    const ids = new Map([['arn:aws:iam::111122223333:role/Reader', 'AROAREADER0000000001']]);
    await store.s3Buckets.setPolicy('pics', policy, ids);
    expect((await replica.s3Buckets.get('pics'))?.policyPrincipalIds).toEqual(ids);
    await store.s3Buckets.setPolicy('pics', policy);
    expect((await replica.s3Buckets.get('pics'))?.policyPrincipalIds).toEqual(new Map());
    await store.s3Buckets.setPolicy('pics', policy, ids);
    await store.s3Buckets.setPolicy('pics', undefined, ids);
    expect(await replica.s3Buckets.get('pics')).toMatchObject({ policy: undefined, policyPrincipalIds: new Map() });

    await store.s3Objects.put([object('pics', 'a')]);
    expect(await store.s3Buckets.delete('pics')).toBe('not-empty');
    await store.s3Objects.delete('pics', 'a');
    await seed(store.s3Uploads.create({ ...upload('u1', 'big'), storageClass: 'DEEP_ARCHIVE' }));
    expect((await store.s3Uploads.get('u1'))?.storageClass).toBe('DEEP_ARCHIVE');
    expect(await store.s3Buckets.delete('pics')).toBe('not-empty');
    await store.s3Uploads.abort('u1');
    expect(await store.s3Buckets.delete('pics')).toBe('deleted');
    expect(await store.s3Buckets.delete('pics')).toBe('absent');
  });

  it('bucket writes raise the revision (caches drop them); object writes do not', async () => {
    const store = await stores.fresh();
    await seed(store.accounts.insert(account(A)));
    const before = await store.revision();
    await seed(store.s3Buckets.insert(bucket('pics')));
    const afterBucket = await store.revision();
    expect(afterBucket).toBe(before + 1);
    await store.s3Objects.put([object('pics', 'a')]);
    await store.s3Objects.setTags('pics', 'a', [{ key: 'k', value: 'v' }]);
    await store.s3Objects.delete('pics', 'a');
    expect(await store.revision()).toBe(afterBucket);
  });
});

variants.describe('S3 objects: replaced versions hand back their files; listings in UTF-8 binary order', (stores) => {
  it('put returns the files of the version it replaced, in batch order; bytes and metadata round-trip', async () => {
    const store = await stores.fresh();
    await seed(store.accounts.insert(account(A)));
    await seed(store.s3Buckets.insert(bucket('pics')));
    const first = object('pics', 'cat.jpg', { blobs: [{ id: 'b1', size: 3 }], data: undefined, size: 5_000_000_000 });
    const second = object('pics', 'cat.jpg', {
      blobs: [{ id: 'b2', size: 3 }],
      data: undefined,
      metadata: { owner: 'tom' },
      headers: { 'cache-control': 'no-cache' },
      tags: [{ key: 'x', value: 'y' }],
      checksum: { algorithm: 'CRC32', value: 'AAAAAA==', type: 'FULL_OBJECT' },
      partsCount: 2,
      storageClass: 'STANDARD_IA',
    });
    expect(await store.s3Objects.put([first, second, object('gone', 'x')])).toEqual([[], [{ id: 'b1', size: 3 }], undefined]);
    expect(await store.s3Objects.get('pics', 'cat.jpg')).toEqual(second);
    expect((await store.s3Objects.list('pics', { limit: 10 })).map((o) => [o.key, o.storageClass])).toEqual([['cat.jpg', 'STANDARD_IA']]);
    const inline = object('pics', 'small', { data: Uint8Array.from({ length: 256 }, (_, i) => i) });
    await store.s3Objects.put([inline]);
    const back = await store.s3Objects.get('pics', 'small');
    expect(Buffer.from(back?.data ?? []).equals(Buffer.from(inline.data ?? []))).toBe(true);
    expect((await store.s3Objects.delete('pics', 'cat.jpg'))?.blobs).toEqual([{ id: 'b2', size: 3 }]);
    expect(await store.s3Objects.delete('pics', 'cat.jpg')).toBeUndefined();
    expect(await store.s3Objects.setTags('pics', 'cat.jpg', [])).toBe(false);
  });

  it('lists by prefix, after a key, and past a rolled-up prefix, in byte order (uppercase before lowercase, BMP before astral)', async () => {
    const store = await stores.fresh();
    await seed(store.accounts.insert(account(A)));
    await seed(store.s3Buckets.insert(bucket('pics')));
    const keys = ['a/1', 'a/2', 'a/b/3', 'a0', 'B', 'b', 'é', '\u{1F600}', '\uFFFD', 'a'];
    await store.s3Objects.put(keys.map((k) => object('pics', k)));
    const all = (await store.s3Objects.list('pics', { limit: 100 })).map((o) => o.key);
    expect(all).toEqual([...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    expect((await store.s3Objects.list('pics', { prefix: 'a/', limit: 100 })).map((o) => o.key)).toEqual(['a/1', 'a/2', 'a/b/3']);
    expect((await store.s3Objects.list('pics', { prefix: 'a/', after: 'a/1', limit: 1 })).map((o) => o.key)).toEqual(['a/2']);
    expect((await store.s3Objects.list('pics', { skipping: 'a/', limit: 2 })).map((o) => o.key)).toEqual(['a0', 'b']);
  });
});

variants.describe('S3 multipart uploads: parts replaced by number, completion atomic and checked against the parts', (stores) => {
  it('completes from the current parts only; a part uploaded again meanwhile refuses the stale list', async () => {
    const store = await stores.fresh();
    await seed(store.accounts.insert(account(A)));
    await seed(store.s3Buckets.insert(bucket('pics')));
    expect(await store.s3Uploads.create({ ...upload('u0', 'x'), bucket: 'nope' })).toBeUndefined();
    await seed(store.s3Uploads.create(upload('u1', 'big')));
    const part = { uploadId: 'u1', partNumber: 1, size: 5, etag: 'e1', lastModified: at(), blob: 'p1', checksum: undefined };
    expect(await store.s3Uploads.putPart(part)).toEqual({ replaced: undefined });
    expect(await store.s3Uploads.putPart({ ...part, blob: 'p1b' })).toEqual({ replaced: 'p1' });
    await store.s3Uploads.putPart({ ...part, partNumber: 2, blob: 'p2' });
    expect(await store.s3Uploads.putPart({ ...part, uploadId: 'zz' })).toBeUndefined();
    expect((await store.s3Uploads.parts('u1', { after: 1, limit: 10 })).map((p) => p.blob)).toEqual(['p2']);
    const stale = object('pics', 'big', { blobs: [{ id: 'p1', size: 5 }], data: undefined });
    expect(await store.s3Uploads.complete('u1', stale)).toEqual({ ok: false, reason: 'parts-changed' });
    await store.s3Objects.put([object('pics', 'big', { blobs: [{ id: 'old', size: 1 }], data: undefined })]);
    const done = await store.s3Uploads.complete('u1', object('pics', 'big', { blobs: [{ id: 'p1b', size: 5 }], data: undefined, partsCount: 1, storageClass: 'DEEP_ARCHIVE' }));
    expect(done).toEqual({ ok: true, replaced: [{ id: 'old', size: 1 }], unused: ['p2'] });
    expect((await store.s3Objects.get('pics', 'big'))?.blobs).toEqual([{ id: 'p1b', size: 5 }]);
    expect((await store.s3Objects.get('pics', 'big'))?.storageClass).toBe('DEEP_ARCHIVE');
    expect(await store.s3Uploads.get('u1')).toBeUndefined();
    expect(await store.s3Uploads.complete('u1', stale)).toEqual({ ok: false, reason: 'no-upload' });
  });

  it('lists by key then initiation, continuing after a key marker and upload ID marker', async () => {
    const store = await stores.fresh();
    await seed(store.accounts.insert(account(A)));
    await seed(store.s3Buckets.insert(bucket('pics')));
    await seed(store.s3Uploads.create(upload('z-first', 'k', 0)));
    await seed(store.s3Uploads.create(upload('a-second', 'k', 10)));
    await seed(store.s3Uploads.create(upload('m', 'l', 5)));
    const ids = async (range: Parameters<typeof store.s3Uploads.list>[1]) => (await store.s3Uploads.list('pics', range)).map((u) => u.uploadId);
    expect(await ids({ limit: 10 })).toEqual(['z-first', 'a-second', 'm']);
    expect(await ids({ keyMarker: 'k', uploadIdMarker: 'z-first', limit: 10 })).toEqual(['a-second', 'm']);
    expect(await ids({ keyMarker: 'k', limit: 10 })).toEqual(['m']);
    expect((await store.s3Uploads.abort('m'))?.length).toBe(0);
    expect(await store.s3Uploads.abort('m')).toBeUndefined();
  });
});

it('the upper bound of a prefix is its last code point raised by one, skipping surrogates', () => {
  expect(prefixUpperBound('a/')).toBe('a0');
  expect(prefixUpperBound('\uD7FF')).toBe('\uE000');
  expect(prefixUpperBound('x\u{10FFFF}')).toBe('y');
  expect(prefixUpperBound('\u{10FFFF}')).toBeUndefined();
  expect(prefixUpperBound('')).toBeUndefined();
});
