import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverInstanceRole } from '../roles/discover-instance-role.ts';
import { startFakeImds, type FakeImds } from '../testing/fake-imds.ts';
import { HttpMetadataUpstream } from './metadata-upstream.ts';

describe('the real instance metadata service, as the agent reads it (IMDSv2 with its own token)', () => {
  let imds: FakeImds;
  let upstream: HttpMetadataUpstream;
  beforeAll(async () => {
    imds = await startFakeImds();
    upstream = new HttpMetadataUpstream({ address: imds.address });
  });
  afterAll(async () => {
    upstream.close();
    await imds.close();
  });

  it('asks for one 6-hour token and sends it on every GET, forwarding nothing else', async () => {
    expect((await upstream.get('/latest/meta-data/instance-id')).body.toString()).toBe('i-0123456789abcdef0');
    expect((await upstream.get('/latest/meta-data/placement/region')).body.toString()).toBe('us-east-1');
    const puts = imds.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.headers['x-aws-ec2-metadata-token-ttl-seconds']).toBe('21600');
    const gets = imds.requests.filter((r) => r.method === 'GET');
    expect(gets.every((r) => r.headers['x-aws-ec2-metadata-token'] === 'fake-imds-session-token' && r.headers['x-forwarded-for'] === undefined)).toBe(true);
  });

  it('kube2iam --auto-discover-base-arn / --auto-discover-default-role: account from the instance profile, role from iam/security-credentials/', async () => {
    const found = await discoverInstanceRole(upstream);
    expect(found.baseRoleArn).toBe('arn:aws:iam::123456789012:role/');
    expect(found.roleName).toBe('kube2iam-node');
    expect(found.resolve('reader')?.arn).toBe('arn:aws:iam::123456789012:role/reader');
  });

  it('refuses to start without an instance profile', async () => {
    const bare = await startFakeImds({ '/latest/meta-data/iam/info': undefined });
    const u = new HttpMetadataUpstream({ address: bare.address });
    try {
      await expect(discoverInstanceRole(u)).rejects.toThrow(/no instance profile/);
    } finally {
      u.close();
      await bare.close();
    }
  });
});
