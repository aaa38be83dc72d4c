import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { CredentialCache } from '../credentials/credential-cache.ts';
import { DEFAULT_LIFETIME_POLICY } from '../credentials/lifetime-policy.ts';
import { PodCredentials } from '../credentials/pod-credentials.ts';
import { PodIndex } from '../pods/pod-index.ts';
import { NamespaceRoles } from '../roles/namespace-roles.ts';
import { PodRoles } from '../roles/pod-roles.ts';
import { parseBaseRoleArn, resolveRoleReference } from '../roles/role-reference.ts';
import type { RoleRules } from '../roles/role-rules.ts';
import { ServiceAccountRoles } from '../roles/service-account-roles.ts';
import { FakeClock, settle } from '../testing/fake-clock.ts';
import { podObject } from '../testing/pod-objects.ts';
import { ScriptedAssumer } from '../testing/scripted-assumer.ts';
import { PodLifecycle } from './pod-lifecycle.ts';

function setup(options: { nodeName?: string } = { nodeName: 'node-a' }) {
  const nodeName = options.nodeName;
  const clock = new FakeClock();
  const sts = new ScriptedAssumer(() => clock.now());
  const base = parseBaseRoleArn('arn:aws:iam::123456789012:role/');
  const rules: RoleRules = {
    roleKey: 'iam.amazonaws.com/role',
    externalIdKey: 'iam.amazonaws.com/external-id',
    namespaceKey: 'iam.amazonaws.com/allowed-roles',
    serviceAccountRoleKey: 'eks.amazonaws.com/role-arn',
    baseRoleArn: base,
    defaultRole: resolveRoleReference('default', base),
    namespaceRestrictions: false,
    restrictionFormat: 'glob',
  };
  const serviceAccounts = new ServiceAccountRoles(rules.serviceAccountRoleKey);
  const cache = new CredentialCache({ assumer: sts, clock, policy: DEFAULT_LIFETIME_POLICY });
  const pods = new PodIndex();
  const lifecycle = new PodLifecycle({
    pods,
    roles: new PodRoles(rules, new NamespaceRoles(rules), serviceAccounts),
    credentials: new PodCredentials(cache, 3600, nodeName),
    prefetch: true,
    nodeName,
    log: pino({ level: 'silent' }),
  });
  return { sts, cache, pods, lifecycle, serviceAccounts };
}

describe('prefetch when a pod is scheduled to the node', () => {
  it('fetches for an annotated pod before it has an IP, once', async () => {
    const f = setup();
    const pod = podObject({ name: 'p', annotations: { 'iam.amazonaws.com/role': 'reader' } });
    f.lifecycle.upsert(pod);
    f.lifecycle.upsert(pod);
    await settle();
    expect(f.sts.calls.map((c) => c.role.name)).toEqual(['reader']);
    expect(f.cache.size).toBe(1);
  });

  it('does not prefetch default-role pods, pods on other nodes, or without --node', async () => {
    const f = setup();
    f.lifecycle.upsert(podObject({ name: 'plain' }));
    f.lifecycle.upsert(podObject({ name: 'elsewhere', node: 'node-b', annotations: { 'iam.amazonaws.com/role': 'reader' } }));
    const g = setup({});
    g.lifecycle.upsert(podObject({ name: 'p', annotations: { 'iam.amazonaws.com/role': 'reader' } }));
    await settle();
    expect(f.sts.calls).toEqual([]);
    expect(g.sts.calls).toEqual([]);
  });

  it('prefetches container credentials for pods wired for them, and host-network pods only those', async () => {
    const f = setup();
    f.serviceAccounts.upsert('default', 'app', { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/app' });
    f.lifecycle.upsert(podObject({ name: 'h', hostNetwork: true, serviceAccount: 'app', containerCredentials: true, annotations: { 'iam.amazonaws.com/role': 'reader' } }));
    f.lifecycle.upsert(podObject({ name: 'irsa-only', serviceAccount: 'app' }));
    await settle();
    expect(f.sts.calls.map((c) => `${c.sessionName}:${c.role.name}`)).toEqual(['default.h:app']);
  });

  it('drops a pod\'s credentials when it finishes, is deleted, or changes role', async () => {
    const f = setup();
    const pod = podObject({ name: 'p', ip: '10.0.0.5', annotations: { 'iam.amazonaws.com/role': 'reader' } });
    f.lifecycle.upsert(pod);
    await settle();
    const uid = pod.metadata?.uid ?? '';
    expect(f.cache.keysOf(uid).size).toBe(1);
    f.lifecycle.upsert({ ...pod, metadata: { ...pod.metadata, annotations: { 'iam.amazonaws.com/role': 'writer' } } });
    await settle();
    expect([...f.cache.keysOf(uid)].every((k) => k.includes('role/writer'))).toBe(true);
    f.lifecycle.upsert({ ...pod, status: { ...pod.status, phase: 'Succeeded' } });
    expect(f.cache.keysOf(uid).size).toBe(0);
    const other = podObject({ name: 'q', annotations: { 'iam.amazonaws.com/role': 'reader' } });
    f.lifecycle.upsert(other);
    await settle();
    f.lifecycle.delete(other);
    expect(f.cache.size).toBe(0);
    expect(f.pods.byUid(other.metadata?.uid ?? '')).toBeUndefined();
  });
});
