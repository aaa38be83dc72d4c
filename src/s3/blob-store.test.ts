import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from './blob-store.ts';
import { ObjectCache } from './object-cache.ts';
import type { S3Object } from '../store/index.ts';

let dir: string;
let blobs: BlobStore;

async function bytesOf(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

async function* chunks(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podiam-blobs-'));
  blobs = new BlobStore(dir);
  await blobs.open();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('object bytes in files: written aside and renamed into place, read as ranges across parts', () => {
  it('a blob is invisible until committed; discarding leaves nothing', async () => {
    const data = randomBytes(300_000);
    const pending = await blobs.receive(chunks(data, 7000));
    expect(pending.size).toBe(data.length);
    await expect(blobs.read([{ id: pending.id, size: pending.size }], 0, 10)).rejects.toMatchObject({ code: 'ENOENT' });
    const ref = await pending.commit();
    expect((await bytesOf(await blobs.read([ref], 0, data.length - 1))).equals(data)).toBe(true);
    const dropped = await blobs.receive(chunks(data, 1000));
    await dropped.discard();
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('an upload past the background-flush size (64 MiB) arrives whole, byte for byte', async () => {
    const block = randomBytes(1 << 20);
    async function* big(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 130; i++) yield block;
    }
    const expected = createHash('md5');
    for (let i = 0; i < 130; i++) expected.update(block);
    const ref = await (await blobs.receive(big())).commit();
    expect(ref.size).toBe(130 << 20);
    const got = createHash('md5');
    for await (const chunk of await blobs.read([ref], 0, ref.size - 1)) got.update(chunk as Buffer);
    expect(got.digest('hex')).toBe(expected.digest('hex'));
    await blobs.remove([ref.id]);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('a failed upload stream leaves no temporary file; open() clears what a crash left', async () => {
    async function* broken(): AsyncGenerator<Buffer> {
      yield Buffer.alloc(10);
      throw new Error('connection reset');
    }
    await expect(blobs.receive(broken())).rejects.toThrow('connection reset');
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    writeFileSync(join(dir, 'tmp', 'torn'), 'half an object');
    await new BlobStore(dir).open();
    expect(existsSync(join(dir, 'tmp', 'torn'))).toBe(false);
  });

  it('ranges span part files, 1 MiB reads at a time; hard-linked copies survive the original', async () => {
    const parts = [randomBytes(1_500_000), randomBytes(10), randomBytes(2_100_000)];
    const refs = [];
    for (const p of parts) refs.push(await (await blobs.receive(chunks(p, 65536))).commit());
    const all = Buffer.concat(parts);
    for (const [start, end] of [
      [0, all.length - 1],
      [1_499_990, 1_500_020],
      [1_500_003, 1_500_005],
      [2_000_000, all.length - 1],
    ] as const) {
      expect((await bytesOf(await blobs.read(refs, start, end))).equals(all.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
    }
    const copies = await blobs.duplicate(refs);
    await blobs.remove(refs.map((r) => r.id));
    expect((await bytesOf(await blobs.read(copies, 0, all.length - 1))).equals(all)).toBe(true);
  });
});

describe('the object read cache never serves what a committed write replaced', () => {
  const object = (etag: string) => ({ bucket: 'b', key: 'k', etag }) as S3Object;

  it('a key is re-read after it is forgotten; a read that raced a write is not kept', async () => {
    let stored = object('v1');
    let loads = 0;
    let gate: (() => void) | undefined;
    const cache = new ObjectCache(async () => {
      loads++;
      const seen = stored;
      if (gate !== undefined) await new Promise<void>((r) => (gate = r));
      return seen;
    });
    expect((await cache.get('b', 'k'))?.etag).toBe('v1');
    expect((await cache.get('b', 'k'))?.etag).toBe('v1');
    expect(loads).toBe(1);
    // A read starts, a write commits and forgets the key, then the read finishes with the old row.
    gate = () => undefined;
    cache.forget('b', 'k');
    const racing = cache.get('b', 'k');
    stored = object('v2');
    cache.forget('b', 'k');
    gate();
    expect((await racing)?.etag).toBe('v1');
    gate = undefined;
    expect((await cache.get('b', 'k'))?.etag).toBe('v2');
  });
});
