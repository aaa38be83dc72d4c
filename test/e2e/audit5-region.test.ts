// A bucket in another region than the client's, through the AWS CLI (botocore re-signs for the
// region S3 names) against a started `podiam serve`: HEAD requests have no body, so the region must
// come in x-amz-bucket-region.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';
import { awsAsync } from './support/sts-world.ts';

let podiam: PodiamProcess;
let tmp: string;

const aws = (...args: string[]) => awsAsync(args, podiam.env);

beforeAll(async () => {
  podiam = await startPodiam();
  tmp = mkdtempSync(join(tmpdir(), 'podiam-audit5-region-'));
  writeFileSync(join(tmp, 'body.txt'), 'far away');
  const made = await aws('s3api', 'create-bucket', '--bucket', 'audit5-eu', '--region', 'eu-west-1', '--create-bucket-configuration', 'LocationConstraint=eu-west-1');
  expect(made.status, made.stderr).toBe(0);
  const put = await aws('s3api', 'put-object', '--bucket', 'audit5-eu', '--key', 'far.txt', '--body', join(tmp, 'body.txt'), '--region', 'eu-west-1');
  expect(put.status, put.stderr).toBe(0);
});

afterAll(async () => {
  await podiam?.stop();
  if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
});

describe('requests signed for the wrong region (Amazon S3 API Reference, "HeadBucket": x-amz-bucket-region; "Error responses": AuthorizationHeaderMalformed)', () => {
  it('head-object and head-bucket from a us-east-1 client reach the eu-west-1 bucket, as botocore follows the region S3 names', async () => {
    const [object, bucket] = await Promise.all([
      aws('s3api', 'head-object', '--bucket', 'audit5-eu', '--key', 'far.txt', '--region', 'us-east-1'),
      aws('s3api', 'head-bucket', '--bucket', 'audit5-eu', '--region', 'us-east-1'),
    ]);
    expect(object.status, object.stderr).toBe(0);
    expect(object.json).toMatchObject({ ContentLength: 8 });
    expect(bucket.status, bucket.stderr).toBe(0);
    expect(bucket.json).toMatchObject({ BucketRegion: 'eu-west-1' });
  });

  it('aws s3 cp from the bucket with the client in us-east-1 downloads the object', async () => {
    const r = await aws('s3', 'cp', 's3://audit5-eu/far.txt', '-', '--region', 'us-east-1');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('far away');
  });
});
