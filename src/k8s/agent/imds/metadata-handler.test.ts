import { describe, expect, it } from 'vitest';
import { parseRoleArn, type RoleArn } from '../../../aws/arn/index.ts';
import { CredentialCache } from '../credentials/credential-cache.ts';
import { DEFAULT_LIFETIME_POLICY } from '../credentials/lifetime-policy.ts';
import { PodCredentials } from '../credentials/pod-credentials.ts';
import type { AgentRequest, AgentResponse } from '../http/agent-request.ts';
import { PodIndex } from '../pods/pod-index.ts';
import { podView } from '../pods/pod-view.ts';
import { NamespaceRoles } from '../roles/namespace-roles.ts';
import { PodRoles } from '../roles/pod-roles.ts';
import { parseBaseRoleArn } from '../roles/role-reference.ts';
import type { RoleRules } from '../roles/role-rules.ts';
import { ServiceAccountRoles } from '../roles/service-account-roles.ts';
import { FakeClock } from '../testing/fake-clock.ts';
import { podObject, type PodSpecOptions } from '../testing/pod-objects.ts';
import { ScriptedAssumer, stsFailure } from '../testing/scripted-assumer.ts';
import { compileAllowList, DEFAULT_METADATA_ALLOW_LIST } from './metadata-allow-list.ts';
import { createMetadataHandler, type MetadataHandlerDeps } from './metadata-handler.ts';
import { parseMetadataPath } from './metadata-path.ts';
import { MetadataTokens } from './metadata-token.ts';

function fixture(overrides: Partial<RoleRules> = {}, deps: Partial<MetadataHandlerDeps> = {}) {
  const clock = new FakeClock();
  const sts = new ScriptedAssumer(() => clock.now());
  const rules: RoleRules = {
    roleKey: 'iam.amazonaws.com/role',
    externalIdKey: 'iam.amazonaws.com/external-id',
    namespaceKey: 'iam.amazonaws.com/allowed-roles',
    serviceAccountRoleKey: 'eks.amazonaws.com/role-arn',
    baseRoleArn: parseBaseRoleArn('arn:aws:iam::123456789012:role/'),
    defaultRole: undefined,
    namespaceRestrictions: false,
    restrictionFormat: 'glob',
    ...overrides,
  };
  const namespaces = new NamespaceRoles(rules);
  const pods = new PodIndex();
  const cache = new CredentialCache({ assumer: sts, clock, policy: DEFAULT_LIFETIME_POLICY, random: () => 0 });
  const upstreamPaths: string[] = [];
  const credentials = new PodCredentials(cache, 3600, 'node-a');
  const handler = createMetadataHandler({
    pods,
    roles: new PodRoles(rules, namespaces, new ServiceAccountRoles(rules.serviceAccountRoleKey)),
    credentials,
    tokens: new MetadataTokens(() => clock.now()),
    upstream: {
      get: async (path) => {
        upstreamPaths.push(path);
        return { status: 200, contentType: 'text/plain', body: Buffer.from(`upstream ${path}`) };
      },
    },
    allowList: compileAllowList(DEFAULT_METADATA_ALLOW_LIST),
    tokensRequired: false,
    podWaitMs: 0,
    now: () => clock.now(),
    ...deps,
  });
  const addPod = (o: PodSpecOptions) => {
    const v = podView(podObject(o));
    if (v === undefined) throw new Error('pod');
    pods.upsert(v);
    return v;
  };
  const call = async (clientIp: string, target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<AgentResponse> =>
    handler({ method, target, headers, clientIp } satisfies AgentRequest);
  return { clock, sts, pods, namespaces, cache, credentials, handler, upstreamPaths, addPod, call };
}

const text = (r: AgentResponse) => r.body.toString();
const READER = { 'iam.amazonaws.com/role': 'reader' };

describe('Retrieve security credentials from instance metadata (iam/security-credentials/role-name)', () => {
  it('lists the pod\'s role name with and without the trailing slash, on any API version', async () => {
    const f = fixture();
    f.addPod({ name: 'web', ip: '10.0.0.5', annotations: { 'iam.amazonaws.com/role': 'team-a/reader' } });
    for (const path of ['/latest/meta-data/iam/security-credentials', '/latest/meta-data/iam/security-credentials/', '/2016-09-02/meta-data/iam/security-credentials/']) {
      const r = await f.call('10.0.0.5', path);
      expect(r.status).toBe(200);
      expect(text(r)).toBe('reader');
    }
  });

  it('answers the credentials document: Code, LastUpdated, Type AWS-HMAC, keys, Expiration as YYYY-MM-DDTHH:MM:SSZ', async () => {
    const f = fixture();
    f.addPod({ name: 'web', ip: '10.0.0.5', annotations: READER });
    for (const path of ['/latest/meta-data/iam/security-credentials/reader', '/latest/meta-data/iam/security-credentials/reader/']) {
      const r = await f.call('10.0.0.5', path);
      expect(r.status).toBe(200);
      const doc = JSON.parse(text(r)) as Record<string, string>;
      expect(Object.keys(doc)).toEqual(['Code', 'LastUpdated', 'Type', 'AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration']);
      expect(doc).toMatchObject({ Code: 'Success', Type: 'AWS-HMAC' });
      expect(doc.Expiration).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(Date.parse(doc.Expiration ?? '') - f.clock.now()).toBeGreaterThan(25 * 60_000);
      expect(doc.LastUpdated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    expect(f.sts.calls).toHaveLength(1);
    expect(f.sts.calls[0]).toMatchObject({ sessionName: 'default.web', durationSeconds: 3600 });
  });

  it('a role other than the pod\'s is 403, an unknown pod 404, a pod without role 404', async () => {
    const f = fixture();
    f.addPod({ name: 'web', ip: '10.0.0.5', annotations: READER });
    f.addPod({ name: 'plain', ip: '10.0.0.6' });
    expect((await f.call('10.0.0.5', '/latest/meta-data/iam/security-credentials/admin')).status).toBe(403);
    expect((await f.call('10.0.0.9', '/latest/meta-data/iam/security-credentials/reader')).status).toBe(404);
    expect((await f.call('10.0.0.9', '/latest/meta-data/iam/security-credentials/')).status).toBe(404);
    expect((await f.call('10.0.0.6', '/latest/meta-data/iam/security-credentials/')).status).toBe(404);
    expect(f.sts.calls).toHaveLength(0);
  });

  // kube2iam (server/server.go): the IP's role mapping fails, so the listing and the credentials path
  // are both http.StatusNotFound with "role requested ... not valid for namespace of pod at ...".
  it('a role the namespace does not allow is 404 with kube2iam\'s message, everywhere under iam/, and never reaches STS', async () => {
    const f = fixture({ namespaceRestrictions: true });
    f.namespaces.upsert('default', { 'iam.amazonaws.com/allowed-roles': '["writer"]' });
    f.addPod({ name: 'web', ip: '10.0.0.5', annotations: READER });
    for (const path of ['security-credentials', 'security-credentials/', 'security-credentials/reader', 'info']) {
      const r = await f.call('10.0.0.5', `/latest/meta-data/iam/${path}`);
      expect(r.status).toBe(404);
      expect(r.body.toString()).toBe(`role requested arn:aws:iam::123456789012:role/reader not valid for namespace of pod at 10.0.0.5 with namespace default`);
    }
    expect(f.sts.calls).toHaveLength(0);
  });

  it('an IP two live pods claim is refused', async () => {
    const f = fixture();
    f.addPod({ name: 'a', ip: '10.0.0.5', annotations: READER });
    f.addPod({ name: 'b', ip: '10.0.0.5', annotations: { 'iam.amazonaws.com/role': 'admin' } });
    const r = await f.call('10.0.0.5', '/latest/meta-data/iam/security-credentials/reader');
    expect(r.status).toBe(503);
    expect(f.sts.calls).toHaveLength(0);
  });

  it('an IP reused by a new pod never gets the old pod\'s credentials (kiam#499)', async () => {
    const f = fixture();
    const old = f.addPod({ name: 'job-1', ip: '10.0.0.5', annotations: { 'iam.amazonaws.com/role': 'admin' } });
    const oldDoc = JSON.parse(text(await f.call('10.0.0.5', '/latest/meta-data/iam/security-credentials/admin'))) as { AccessKeyId: string };
    f.pods.upsert({ ...old, phase: 'Succeeded' });
    f.addPod({ name: 'job-2', ip: '10.0.0.5', annotations: { 'iam.amazonaws.com/role': 'admin' } });
    const r = await f.call('10.0.0.5', '/latest/meta-data/iam/security-credentials/admin');
    const doc = JSON.parse(text(r)) as { AccessKeyId: string };
    expect(doc.AccessKeyId).not.toBe(oldDoc.AccessKeyId);
    expect(f.sts.calls.map((c) => c.sessionName)).toEqual(['default.job-1', 'default.job-2']);
  });

  it('STS refusing the role answers IMDS\'s 200 error document; an unreachable STS 503', async () => {
    const f = fixture();
    f.addPod({ name: 'web', ip: '10.0.0.5', annotations: READER });
    f.sts.script = () => stsFailure('denied', 'AccessDenied', 403);
    const denied = await f.call('10.0.0.5', '/latest/meta-data/iam/security-credentials/reader');
    expect(denied.status).toBe(200);
    expect(JSON.parse(text(denied))).toMatchObject({ Code: 'AssumeRoleUnauthorizedAccess' });
    expect(text(denied)).not.toContain('scripted');
    expect(denied.facts).toMatchObject({ cache: 'miss' });
    const again = await f.call('10.0.0.5', '/latest/meta-data/iam/security-credentials/reader');
    expect(again.facts).toMatchObject({ cache: 'negative' });
    expect(f.sts.calls).toHaveLength(1);
    f.addPod({ name: 'other', ip: '10.0.0.6', annotations: { 'iam.amazonaws.com/role': 'writer' } });
    f.sts.script = () => stsFailure('unavailable', 'NetworkError');
    expect((await f.call('10.0.0.6', '/latest/meta-data/iam/security-credentials/writer')).status).toBe(503);
  });

  it('passes the external ID annotation to STS', async () => {
    const f = fixture();
    f.addPod({ name: 'web', ip: '10.0.0.5', annotations: { ...READER, 'iam.amazonaws.com/external-id': 'tenant-7' } });
    await f.call('10.0.0.5', '/latest/meta-data/iam/security-credentials/reader');
    expect(f.sts.calls[0]?.externalId).toBe('tenant-7');
  });

  it('iam/info names the instance profile of the pod\'s role; iam/ lists info and security-credentials/', async () => {
    const f = fixture();
    f.addPod({ name: 'web', ip: '10.0.0.5', annotations: { 'iam.amazonaws.com/role': 'team-a/reader' } });
    const info = JSON.parse(text(await f.call('10.0.0.5', '/latest/meta-data/iam/info'))) as Record<string, string>;
    expect(info).toMatchObject({ Code: 'Success', InstanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/team-a/reader' });
    expect(text(await f.call('10.0.0.5', '/latest/meta-data/iam/'))).toBe('info\nsecurity-credentials/');
  });
});

describe('IMDSv2 session tokens (PUT /latest/api/token, X-aws-ec2-metadata-token)', () => {
  it('issues a token for a TTL of 1 to 21600 seconds and echoes the TTL', async () => {
    const f = fixture();
    f.addPod({ name: 'web', ip: '10.0.0.5', annotations: READER });
    for (const ttl of ['1', '21600']) {
      const r = await f.call('10.0.0.5', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': ttl }, 'PUT');
      expect(r.status).toBe(200);
      expect(r.headers['x-aws-ec2-metadata-token-ttl-seconds']).toBe(ttl);
    }
  });

  it('a missing or out-of-range TTL is 400; GET on the token path 405; X-Forwarded-For 403', async () => {
    const f = fixture();
    for (const ttl of [undefined, '0', '21601', '-1', '1.5', 'abc']) {
      const r = await f.call('10.0.0.5', '/latest/api/token', ttl === undefined ? {} : { 'x-aws-ec2-metadata-token-ttl-seconds': ttl }, 'PUT');
      expect(r.status).toBe(400);
    }
    expect((await f.call('10.0.0.5', '/latest/api/token')).status).toBe(405);
    expect((await f.call('10.0.0.5', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '60', 'x-forwarded-for': '1.2.3.4' }, 'PUT')).status).toBe(403);
  });

  it('a valid token is accepted; an expired, forged or other pod\'s token is 401', async () => {
    const f = fixture();
    f.addPod({ name: 'web', ip: '10.0.0.5', annotations: READER });
    f.addPod({ name: 'other', ip: '10.0.0.6', annotations: READER });
    const token = text(await f.call('10.0.0.5', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '60' }, 'PUT'));
    const withToken = { 'x-aws-ec2-metadata-token': token };
    expect((await f.call('10.0.0.5', '/latest/meta-data/iam/security-credentials/', withToken)).status).toBe(200);
    expect((await f.call('10.0.0.6', '/latest/meta-data/iam/security-credentials/', withToken)).status).toBe(401);
    expect((await f.call('10.0.0.5', '/latest/meta-data/iam/security-credentials/', { 'x-aws-ec2-metadata-token': `${token.slice(0, -2)}AA` })).status).toBe(401);
    expect((await f.call('10.0.0.5', '/latest/meta-data/instance-id', { 'x-aws-ec2-metadata-token': 'garbage' })).status).toBe(401);
    await f.clock.advance(61_000);
    expect((await f.call('10.0.0.5', '/latest/meta-data/iam/security-credentials/', withToken)).status).toBe(401);
  });

  it('a token stops working when its IP passes to another pod', async () => {
    const f = fixture();
    const old = f.addPod({ name: 'job-1', ip: '10.0.0.5', annotations: READER });
    const token = text(await f.call('10.0.0.5', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '600' }, 'PUT'));
    f.pods.remove(old.uid);
    f.addPod({ name: 'job-2', ip: '10.0.0.5', annotations: READER });
    expect((await f.call('10.0.0.5', '/latest/meta-data/iam/security-credentials/', { 'x-aws-ec2-metadata-token': token })).status).toBe(401);
  });

  it('with tokens required (HttpTokens=required), a GET without token is 401', async () => {
    const f = fixture({}, { tokensRequired: true });
    f.addPod({ name: 'web', ip: '10.0.0.5', annotations: READER });
    expect((await f.call('10.0.0.5', '/latest/meta-data/iam/security-credentials/')).status).toBe(401);
    expect((await f.call('10.0.0.5', '/latest/meta-data/instance-id')).status).toBe(401);
  });
});

describe('other metadata paths: proxied through an allow-list', () => {
  it('proxies allowed paths with the normalised path', async () => {
    const f = fixture();
    for (const path of ['/latest/meta-data/instance-id', '/latest/meta-data/placement/region', '/latest/dynamic/instance-identity/document', '/latest/meta-data/', '/latest/meta-data/placement']) {
      const r = await f.call('10.0.0.5', `${path}?x=1`);
      expect(r.status).toBe(200);
    }
    expect(f.upstreamPaths).toContain('/latest/meta-data/placement/region');
    expect(f.upstreamPaths.every((p) => !p.includes('?'))).toBe(true);
  });

  it('never hands out user-data, identity credentials, signed identity documents or the node\'s role', async () => {
    const f = fixture();
    f.addPod({ name: 'web', ip: '10.0.0.5', annotations: READER });
    for (const path of [
      '/latest/user-data',
      '/latest/user-data/',
      '/latest/meta-data/identity-credentials/ec2/security-credentials/ec2-instance',
      '/latest/dynamic/instance-identity/pkcs7',
      '/latest/dynamic/instance-identity/signature',
      '/latest/dynamic/instance-identity/rsa2048',
      '/latest/meta-data/iam/security-credentials/node-role/extra',
      '/latest/meta-data/public-keys/0/openssh-key',
    ]) {
      const r = await f.call('10.0.0.5', path);
      expect(r.status, path).not.toBe(200);
    }
    expect(f.upstreamPaths).toEqual([]);
  });

  it('refuses paths that are not plain (dot segments, encodings, empty segments)', async () => {
    const f = fixture();
    for (const path of ['/latest/meta-data/../user-data', '/latest/meta-data/%2e%2e/user-data', '/latest//user-data', '/latest/meta-data/./instance-id', '/latest\\user-data', '/bogus/meta-data/instance-id']) {
      expect((await f.call('10.0.0.5', path)).status, path).toBe(400);
    }
    expect(f.upstreamPaths).toEqual([]);
    expect(parseMetadataPath('/latest/meta-data/iam/security-credentials/team-a/reader/')).toEqual({ kind: 'role-credentials', role: 'team-a/reader' });
    expect(compileAllowList(['meta-data/*']).allows('meta-data/iam/security-credentials/x')).toBe(false);
  });

  it('only GET and HEAD', async () => {
    const f = fixture();
    expect((await f.call('10.0.0.5', '/latest/meta-data/instance-id', {}, 'POST')).status).toBe(405);
    expect((await f.call('10.0.0.5', '/latest/meta-data/iam/security-credentials/', {}, 'DELETE')).status).toBe(405);
  });
});

describe('first requests racing the watch (kube2iam answers 404 for pods younger than its informer)', () => {
  it('waits for the pod to appear, then answers', async () => {
    const f = fixture({}, { podWaitMs: 2000 });
    const pending = f.call('10.0.0.5', '/latest/meta-data/iam/security-credentials/');
    setTimeout(() => f.addPod({ name: 'new', ip: '10.0.0.5', annotations: READER }), 20);
    const r = await pending;
    expect(r.status).toBe(200);
    expect(text(r)).toBe('reader');
  });
});

describe('cache hits answer synchronously', () => {
  it('a prefetched pod\'s first request is answered without a promise', async () => {
    const f = fixture();
    const p = f.addPod({ name: 'web', ip: '10.0.0.5', annotations: READER });
    const role = (parseRoleArn('arn:aws:iam::123456789012:role/reader') as { ok: true; value: RoleArn }).value;
    f.cache.prefetch(f.credentials.request(p, role, undefined));
    await new Promise((r) => setImmediate(r));
    const handlerResult = f.handler({ method: 'GET', target: '/latest/meta-data/iam/security-credentials/reader', headers: {}, clientIp: '10.0.0.5' });
    expect(handlerResult).not.toBeInstanceOf(Promise);
    expect((handlerResult as AgentResponse).facts.cache).toBe('hit');
  });
});
