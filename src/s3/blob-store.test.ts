import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
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

describe('sendTo: a read written to a response through buffers used again after the write callback', () => {
  // A destination that holds each chunk until it has hashed it a tick later, and only then calls the
  // write callback (stream.Writable: the chunk is the writer's again after that): a buffer used again
  // too early would change bytes it has not hashed yet.
  function slowHashingSink(highWaterMark: number): { sink: Writable; digest: () => string } {
    const hash = createHash('sha256');
    const sink = new Writable({
      highWaterMark,
      write(chunk: Buffer, _encoding, callback) {
        setImmediate(() => {
          hash.update(chunk);
          callback();
        });
      },
    });
    return { sink, digest: () => hash.digest('hex') };
  }

  it('ranges across part files arrive byte for byte, however slowly the destination takes them', async () => {
    const parts = [randomBytes(2_500_000), randomBytes(1_048_576), randomBytes(3_000_001)];
    const refs = [];
    for (const part of parts) refs.push(await (await blobs.receive(chunks(part, 65_536))).commit());
    const all = Buffer.concat(parts);
    for (const [start, end] of [
      [0, all.length - 1],
      [1_000_000, 5_000_000],
      [2_500_000, 3_548_575],
    ] as const) {
      // A small high-water mark waits for a drain after every chunk; a large one queues chunks the
      // destination has not taken yet, whose buffers must not be filled again.
      for (const highWaterMark of [16_384, 8 << 20]) {
        const { sink, digest } = slowHashingSink(highWaterMark);
        await (await blobs.read(refs, start, end)).sendTo(sink);
        expect(digest()).toBe(createHash('sha256').update(all.subarray(start, end + 1)).digest('hex'));
      }
    }
  });

  it('a destination destroyed mid-way rejects the send and closes the file', async () => {
    const ref = await (await blobs.receive(chunks(randomBytes(4_000_000), 65_536))).commit();
    const reader = await blobs.read([ref], 0, 3_999_999);
    let taken = 0;
    const sink = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, callback) {
        taken += chunk.length;
        if (taken > 1_000_000) sink.destroy();
        else setImmediate(callback);
      },
    });
    await expect(reader.sendTo(sink)).rejects.toThrow();
    expect(reader.destroyed).toBe(true);
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
