// Objects survive `kill -9` of `podiam serve` (issue 5: "written to a temporary file and renamed, so a
// crash never leaves a torn object"): an acknowledged PutObject is there after a restart, and an
// upload cut off mid-body leaves the previous version whole and no temporary file behind.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';

let podiam: PodiamProcess;
let dataDir: string;
let port: number;

function client(): S3Client {
  return new S3Client({
    endpoint: podiam.url,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: podiam.accessKeyId, secretAccessKey: podiam.secretAccessKey },
    maxAttempts: 1,
  });
}

async function bytes(key: string): Promise<Buffer> {
  const got = await client().send(new GetObjectCommand({ Bucket: 'pics', Key: key }));
  return Buffer.from((await got.Body?.transformToByteArray()) ?? []);
}

beforeAll(async () => {
  podiam = await startPodiam();
  dataDir = podiam.dataDir;
  port = Number(new URL(podiam.url).port);
  await client().send(new CreateBucketCommand({ Bucket: 'pics' }));
});

afterAll(async () => {
  await podiam?.stop();
});

describe('crash safety of object writes (kill -9)', () => {
  it('an acknowledged PutObject (file-backed and in-row) is there after kill -9 and restart', async () => {
    const big = randomBytes(3 * 1024 * 1024);
    const small = randomBytes(1000);
    await client().send(new PutObjectCommand({ Bucket: 'pics', Key: 'big.bin', Body: big }));
    await client().send(new PutObjectCommand({ Bucket: 'pics', Key: 'small.bin', Body: small }));
    await podiam.stop({ signal: 'SIGKILL', keepData: true });
    podiam = await startPodiam({ dataDir, port });
    expect((await bytes('big.bin')).equals(big)).toBe(true);
    expect((await bytes('small.bin')).equals(small)).toBe(true);
  }, 60_000);

  it('an upload cut off by kill -9 leaves the previous version whole and no temporary file', async () => {
    const before = await bytes('big.bin');
    // 5 MiB of a 20 MiB body, then the body stalls: the server is killed with the upload in flight.
    const stalled = new Readable({ read() {} });
    stalled.push(randomBytes(5 * 1024 * 1024));
    const upload = client()
      .send(new PutObjectCommand({ Bucket: 'pics', Key: 'big.bin', Body: stalled, ContentLength: 20 * 1024 * 1024 }))
      .catch((err: unknown) => err);
    for (let i = 0; i < 100 && readdirSync(join(dataDir, 's3', 'tmp')).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(join(dataDir, 's3', 'tmp')).length).toBe(1);
    await podiam.stop({ signal: 'SIGKILL', keepData: true });
    stalled.destroy();
    expect(await upload).toBeInstanceOf(Error);
    podiam = await startPodiam({ dataDir, port });
    expect((await bytes('big.bin')).equals(before)).toBe(true);
    expect(existsSync(join(dataDir, 's3', 'tmp'))).toBe(true);
    expect(readdirSync(join(dataDir, 's3', 'tmp'))).toEqual([]);
  }, 60_000);
});

describe('shutdown after large uploads (issue 3: "SIGTERM drains in-flight requests")', () => {
  it('a server that has hashed a large body on its digest thread still stops by itself on SIGTERM', async () => {
    const large = randomBytes(9 * 1024 * 1024);
    await client().send(new PutObjectCommand({ Bucket: 'pics', Key: 'large.bin', Body: large }));
    expect((await bytes('large.bin')).equals(large)).toBe(true);
    // stop() kills with SIGKILL after 5 s; an exit of its own is code 0 with no signal.
    expect(await podiam.stop({ keepData: true })).toEqual({ code: 0, signal: null });
    podiam = await startPodiam({ dataDir, port });
    expect((await bytes('large.bin')).equals(large)).toBe(true);
  }, 60_000);
});
