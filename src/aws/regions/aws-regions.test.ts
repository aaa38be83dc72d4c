import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isAwsRegion } from './aws-regions.ts';

// botocore's own list of regions (endpoints.json, every partition), or undefined where it is absent.
function botocoreRegions(): string[] | undefined {
  const script =
    'import json, os, botocore\n' +
    "d = json.load(open(os.path.join(os.path.dirname(botocore.__file__), 'data', 'endpoints.json')))\n" +
    "print(json.dumps([r for p in d['partitions'] for r in p['regions']]))\n";
  const run = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
  return run.status === 0 ? (JSON.parse(run.stdout) as string[]) : undefined;
}

// AWS General Reference, "AWS Regions and endpoints": a credential scope names a Region.
describe('AWS Regions a credential scope may name (AWS Regions and endpoints)', () => {
  const regions = botocoreRegions();
  it.skipIf(regions === undefined)('knows every region of every partition in botocore endpoints.json', () => {
    expect((regions ?? []).filter((r) => !isAwsRegion(r))).toEqual([]);
  });

  it('refuses names that are not regions, and partition-global pseudo regions', () => {
    expect(['xx-nowhere-9', 'local', '', 'aws-global', 'US-EAST-1'].filter(isAwsRegion)).toEqual([]);
  });
});
