// The digests S3 checks a body against (Amazon S3 API Reference, "PutObject": the ETag of an object
// written whole is the MD5 of its bytes; x-amz-content-sha256 is the SHA-256 of a signed payload;
// Amazon S3 User Guide, "Checking object integrity": the flexible checksums) are the same whether a
// body is hashed inline or on the worker thread, whatever the sizes of the pieces it arrives in.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createChecksum } from '../aws/index.ts';
import { OFF_THREAD_MIN_BYTES, startBodyDigests, type BodyDigester } from './body-digester.ts';

async function feed(digester: BodyDigester, body: Buffer, piece: number): Promise<{ waited: number }> {
  let waited = 0;
  for (let offset = 0; offset < body.length; offset += piece) {
    const behind = digester.update(body.subarray(offset, offset + piece));
    if (behind !== undefined) {
      waited += 1;
      await behind;
    }
  }
  return { waited };
}

function expected(body: Buffer) {
  const crc = createChecksum('CRC32C');
  crc.update(body);
  return {
    md5: createHash('md5').update(body).digest('hex'),
    sha256: createHash('sha256').update(body).digest('hex'),
    checksum: crc.digestBase64(),
  };
}

describe('body digests', () => {
  it('a body past the off-thread size gets the MD5, SHA-256 and checksum of its bytes, in odd-sized pieces', async () => {
    const body = randomBytes(OFF_THREAD_MIN_BYTES * 3 + 12_345);
    const digester = startBodyDigests({ sha256: true, checksum: 'CRC32C', expectedLength: body.length });
    await feed(digester, body, 65_537);
    expect(await digester.digests()).toEqual(expected(body));
  });

  it('a small body is hashed inline with the same results', async () => {
    const body = randomBytes(100_000);
    const digester = startBodyDigests({ sha256: true, checksum: 'CRC32C', expectedLength: body.length });
    await feed(digester, body, 4096);
    expect(await digester.digests()).toEqual(expected(body));
  });

  it('only the digests asked for are computed', async () => {
    const body = randomBytes(OFF_THREAD_MIN_BYTES);
    const digester = startBodyDigests({ sha256: false, checksum: undefined, expectedLength: body.length });
    await feed(digester, body, 1 << 20);
    expect(await digester.digests()).toEqual({ md5: expected(body).md5, sha256: undefined, checksum: undefined });
  });

  it('a body fed faster than it is hashed is told to wait, and its digests are still whole', async () => {
    const body = randomBytes(64 << 20);
    const digester = startBodyDigests({ sha256: true, checksum: undefined, expectedLength: body.length });
    const { waited } = await feed(digester, body, 4 << 20);
    expect(waited).toBeGreaterThan(0);
    const digests = await digester.digests();
    expect(digests.md5).toBe(expected(body).md5);
    expect(digests.sha256).toBe(expected(body).sha256);
  });

  it('concurrent bodies keep their own digests, and an abandoned one does not disturb them', async () => {
    const bodies = [randomBytes(OFF_THREAD_MIN_BYTES + 1), randomBytes(OFF_THREAD_MIN_BYTES + 2), randomBytes(OFF_THREAD_MIN_BYTES + 3)];
    const digesters = bodies.map((b) => startBodyDigests({ sha256: false, checksum: 'CRC32C', expectedLength: b.length }));
    const abandoned = startBodyDigests({ sha256: true, checksum: undefined, expectedLength: 1 << 30 });
    await abandoned.update(randomBytes(3 << 20));
    abandoned.cancel();
    await Promise.all(digesters.map((d, i) => feed(d, bodies[i] as Buffer, 300_000)));
    const results = await Promise.all(digesters.map((d) => d.digests()));
    expect(results.map((r) => r.md5)).toEqual(bodies.map((b) => expected(b).md5));
    expect(results.map((r) => r.checksum)).toEqual(bodies.map((b) => expected(b).checksum));
  });

  it('a process waiting only for off-thread digests stays alive until they arrive (the idle thread alone does not keep it)', () => {
    const module = JSON.stringify(new URL('./body-digester.ts', import.meta.url).href);
    const script = `
      import { startBodyDigests } from ${module};
      const body = Buffer.alloc(${OFF_THREAD_MIN_BYTES}, 1);
      const digester = startBodyDigests({ sha256: false, checksum: undefined, expectedLength: body.length });
      await digester.update(body);
      console.log((await digester.digests()).md5);
    `;
    const node = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), 'podiam-digests-'));
    const file = join(dir, 'wait.mjs');
    writeFileSync(file, script);
    const run = spawnSync(node, [file], { encoding: 'utf8', timeout: 30_000 });
    rmSync(dir, { recursive: true, force: true });
    expect({ status: run.status, stdout: run.stdout.trim() }, run.stderr).toEqual({ status: 0, stdout: createHash('md5').update(Buffer.alloc(OFF_THREAD_MIN_BYTES, 1)).digest('hex') });
  });
});
