import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { S3ObjectRange, S3ObjectSummary } from '../store/index.ts';
import { compareKeys, listPage, type KeyReader } from './object-listing.ts';

function summary(key: string): S3ObjectSummary {
  return { bucket: 'b', key, size: 1, etag: 'e', lastModified: new Date(0), checksum: undefined, storageClass: 'STANDARD' };
}

/** An in-memory bucket with the store's range semantics, counting reads. */
function memoryBucket(keys: readonly string[]): { read: KeyReader; reads: () => number } {
  const sorted = [...new Set(keys)].sort(compareKeys);
  let reads = 0;
  const read = async (range: S3ObjectRange) => {
    reads++;
    return sorted
      .filter((k) => range.prefix === undefined || k.startsWith(range.prefix))
      .filter((k) => range.after === undefined || compareKeys(k, range.after) > 0)
      .filter((k) => range.skipping === undefined || !(k.startsWith(range.skipping) || compareKeys(k, range.skipping) < 0))
      .slice(0, range.limit)
      .map(summary);
  };
  return { read, reads: () => reads };
}

/** The whole listing as S3 defines it, computed naively. */
function model(keys: readonly string[], prefix: string, delimiter: string | undefined): { keys: string[]; prefixes: string[] } {
  const out = { keys: [] as string[], prefixes: [] as string[] };
  for (const k of [...new Set(keys)].sort(compareKeys)) {
    if (!k.startsWith(prefix)) continue;
    const rest = k.slice(prefix.length);
    const at = delimiter === undefined ? -1 : rest.indexOf(delimiter);
    if (at >= 0 && delimiter !== undefined) {
      const common = prefix + rest.slice(0, at + delimiter.length);
      if (out.prefixes.at(-1) !== common) out.prefixes.push(common);
    } else out.keys.push(k);
  }
  return out;
}

async function everyPage(read: KeyReader, prefix: string, delimiter: string | undefined, maxKeys: number) {
  const keys: string[] = [];
  const prefixes: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await listPage(read, { prefix, delimiter, maxKeys, after });
    expect(page.contents.length + page.commonPrefixes.length).toBeLessThanOrEqual(maxKeys);
    keys.push(...page.contents.map((c) => c.key));
    prefixes.push(...page.commonPrefixes);
    if (!page.truncated) return { keys, prefixes };
    after = page.last;
  }
  throw new Error('listing did not end');
}

describe('ListObjectsV2 pagination (Amazon S3 API Reference, "ListObjectsV2": Prefix, Delimiter, CommonPrefixes, MaxKeys, ContinuationToken)', () => {
  const keys = ['photos/2024/a.jpg', 'photos/2024/b.jpg', 'photos/2025/c.jpg', 'photos/index.html', 'readme', 'zeta/1', 'zeta/2'];

  it('with a delimiter, keys under a common prefix roll up into one CommonPrefix that counts once', async () => {
    const { read } = memoryBucket(keys);
    const page = await listPage(read, { prefix: '', delimiter: '/', maxKeys: 1000, after: undefined });
    expect(page.contents.map((c) => c.key)).toEqual(['readme']);
    expect(page.commonPrefixes).toEqual(['photos/', 'zeta/']);
    expect(page.truncated).toBe(false);
    const nested = await listPage(read, { prefix: 'photos/', delimiter: '/', maxKeys: 1000, after: undefined });
    expect(nested.commonPrefixes).toEqual(['photos/2024/', 'photos/2025/']);
    expect(nested.contents.map((c) => c.key)).toEqual(['photos/index.html']);
  });

  it('a page ends at max-keys (keys and prefixes together) and continues after its last entry, skipping a returned CommonPrefix', async () => {
    const { read } = memoryBucket(keys);
    const first = await listPage(read, { prefix: '', delimiter: '/', maxKeys: 1, after: undefined });
    expect(first).toMatchObject({ commonPrefixes: ['photos/'], truncated: true, last: 'photos/' });
    const second = await listPage(read, { prefix: '', delimiter: '/', maxKeys: 2, after: first.last });
    expect(second.contents.map((c) => c.key)).toEqual(['readme']);
    expect(second.commonPrefixes).toEqual(['zeta/']);
    expect(second.truncated).toBe(false);
  });

  it('a rolled-up prefix is skipped in one read, not key by key', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `logs/${String(i).padStart(5, '0')}`).concat(['z']);
    const bucket = memoryBucket(many);
    const page = await listPage(bucket.read, { prefix: '', delimiter: '/', maxKeys: 1000, after: undefined });
    expect(page.commonPrefixes).toEqual(['logs/']);
    expect(page.contents.map((c) => c.key)).toEqual(['z']);
    expect(bucket.reads()).toBeLessThanOrEqual(3);
  });

  it('max-keys 0 lists nothing and is not truncated', async () => {
    const { read } = memoryBucket(keys);
    expect(await listPage(read, { prefix: '', delimiter: undefined, maxKeys: 0, after: undefined })).toMatchObject({ contents: [], truncated: false });
  });

  it('paging through with any page size yields exactly the whole listing, in UTF-8 binary order', async () => {
    const keyArb = fc.array(fc.constantFrom('a', 'b', '/', '-', 'é', '\u{1F600}', '\uFFFD'), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.array(keyArb, { maxLength: 40 }),
        fc.constantFrom('', 'a', 'a/', 'b'),
        fc.constantFrom(undefined, '/', '-', 'é'),
        fc.integer({ min: 1, max: 7 }),
        async (all, prefix, delimiter, maxKeys) => {
          const { read } = memoryBucket(all);
          expect(await everyPage(read, prefix, delimiter, maxKeys)).toEqual(model(all, prefix, delimiter));
        },
      ),
      { numRuns: 300 },
    );
  });
});
