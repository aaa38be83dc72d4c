import { describe, expect, it } from 'vitest';
import { parseRoleArn, type RoleArn } from '../../../aws/arn/index.ts';
import { podView, type PodView } from '../pods/pod-view.ts';
import { podObject } from '../testing/pod-objects.ts';
import { decidePodRole, decideServiceAccountRole } from './decide-role.ts';
import { compileAllowedRoles } from './namespace-restriction.ts';
import { NamespaceRoles } from './namespace-roles.ts';
import { designatesRole, parseBaseRoleArn, resolveRoleReference, type BaseRoleArn } from './role-reference.ts';
import type { RoleRules } from './role-rules.ts';

const BASE = parseBaseRoleArn('arn:aws:iam::123456789012:role/') as BaseRoleArn;

function role(text: string): RoleArn {
  const parsed = parseRoleArn(text);
  if (!parsed.ok) throw new Error(text);
  return parsed.value;
}

function pod(annotations: Record<string, string>, namespace = 'team-a'): PodView {
  const view = podView(podObject({ name: 'web-0', namespace, ip: '10.0.0.5', annotations }));
  if (view === undefined) throw new Error('pod');
  return view;
}

const rules: RoleRules = {
  roleKey: 'iam.amazonaws.com/role',
  externalIdKey: 'iam.amazonaws.com/external-id',
  namespaceKey: 'iam.amazonaws.com/allowed-roles',
  serviceAccountRoleKey: 'eks.amazonaws.com/role-arn',
  baseRoleArn: BASE,
  defaultRole: undefined,
  namespaceRestrictions: false,
  restrictionFormat: 'glob',
};

describe('kube2iam role annotation: role name under --base-role-arn, or a full ARN', () => {
  it('appends a role name (with an IAM path) to the base ARN', () => {
    expect(resolveRoleReference('reader', BASE)?.arn).toBe('arn:aws:iam::123456789012:role/reader');
    const withPath = resolveRoleReference('team-a/reader', BASE);
    expect(withPath?.name).toBe('reader');
    expect(withPath?.path).toBe('/team-a/');
  });

  it('takes a full ARN as it is, in any partition and account', () => {
    expect(resolveRoleReference('arn:aws-cn:iam::210987654321:role/x', BASE)?.arn).toBe('arn:aws-cn:iam::210987654321:role/x');
  });

  it('refuses a name without a base ARN and text that is not a role', () => {
    expect(resolveRoleReference('reader', undefined)).toBeUndefined();
    expect(resolveRoleReference('arn:aws:iam::123456789012:user/alice', BASE)).toBeUndefined();
    expect(resolveRoleReference('bad name!', BASE)).toBeUndefined();
    expect(resolveRoleReference('', BASE)).toBeUndefined();
  });

  it('adds the trailing slash to --base-role-arn and refuses what is not a role base', () => {
    expect(parseBaseRoleArn('arn:aws:iam::123456789012:role')).toBe('arn:aws:iam::123456789012:role/');
    expect(parseBaseRoleArn('arn:aws:iam::123456789012:role/path/')).toBe('arn:aws:iam::123456789012:role/path/');
    expect(parseBaseRoleArn('arn:aws:iam::12345:role/')).toBeUndefined();
    expect(parseBaseRoleArn('arn:aws:s3:::bucket')).toBeUndefined();
  });

  it('a credentials path designates the role by name, by kube2iam path form, or by ARN, and nothing else', () => {
    const r = role('arn:aws:iam::123456789012:role/team-a/reader');
    expect(designatesRole('reader', r, BASE)).toBe(true);
    expect(designatesRole('team-a/reader', r, BASE)).toBe(true);
    expect(designatesRole(r.arn, r, BASE)).toBe(true);
    expect(designatesRole('writer', r, BASE)).toBe(false);
    expect(designatesRole('team-b/reader', r, BASE)).toBe(false);
  });
});

describe('kube2iam namespace restrictions (iam.amazonaws.com/allowed-roles, glob or regexp)', () => {
  it('glob entries are normalised with the base ARN and * matches any characters', () => {
    const allowed = compileAllowedRoles('["my-custom-path/*", "exact"]', 'glob', BASE);
    expect(allowed.allows(role('arn:aws:iam::123456789012:role/my-custom-path/a'))).toBe(true);
    expect(allowed.allows(role('arn:aws:iam::123456789012:role/exact'))).toBe(true);
    expect(allowed.allows(role('arn:aws:iam::123456789012:role/exact2'))).toBe(false);
    expect(allowed.allows(role('arn:aws:iam::210987654321:role/exact'))).toBe(false);
  });

  it('glob treats regular-expression characters literally', () => {
    const allowed = compileAllowedRoles('["a.b"]', 'glob', BASE);
    expect(allowed.allows(role('arn:aws:iam::123456789012:role/a.b'))).toBe(true);
    expect(allowed.allows(role('arn:aws:iam::123456789012:role/aXb'))).toBe(false);
  });

  it('regexp entries must match the whole ARN (kube2iam matches unanchored)', () => {
    const allowed = compileAllowedRoles('["reader", "my-custom-path/.*"]', 'regexp', BASE);
    expect(allowed.allows(role('arn:aws:iam::123456789012:role/reader'))).toBe(true);
    expect(allowed.allows(role('arn:aws:iam::123456789012:role/reader-admin'))).toBe(false);
    expect(allowed.allows(role('arn:aws:iam::123456789012:role/my-custom-path/x'))).toBe(true);
  });

  it('an annotation that is not a JSON array of strings, or an invalid regexp, allows nothing', () => {
    for (const text of ['reader', '{"a":1}', '"reader"', 'not json']) {
      const allowed = compileAllowedRoles(text, 'glob', BASE);
      expect(allowed.allows(role('arn:aws:iam::123456789012:role/reader'))).toBe(false);
      expect(allowed.rejected.length).toBe(1);
    }
    const bad = compileAllowedRoles('["(unclosed", "reader"]', 'regexp', BASE);
    expect(bad.rejected).toEqual(['(unclosed']);
    expect(bad.allows(role('arn:aws:iam::123456789012:role/reader'))).toBe(true);
  });
});

describe('kube2iam role selection: annotation, --default-role, namespace restriction', () => {
  const restricted: RoleRules = { ...rules, namespaceRestrictions: true, defaultRole: role('arn:aws:iam::123456789012:role/default') };
  const namespaces = new NamespaceRoles(restricted);
  namespaces.upsert('team-a', { 'iam.amazonaws.com/allowed-roles': '["reader"]' });
  const allowed = (ns: string) => namespaces.allowedRoles(ns);

  it('uses the annotation and the external ID annotation', () => {
    const d = decidePodRole(pod({ 'iam.amazonaws.com/role': 'reader', 'iam.amazonaws.com/external-id': 'ext-1' }), rules, allowed);
    expect(d).toMatchObject({ kind: 'role', source: 'annotation', externalId: 'ext-1' });
    expect(d.kind === 'role' && d.role.arn).toBe('arn:aws:iam::123456789012:role/reader');
  });

  it('without annotation: the default role, or no role at all', () => {
    expect(decidePodRole(pod({}), rules, allowed)).toEqual({ kind: 'no-role' });
    expect(decidePodRole(pod({}), restricted, allowed)).toMatchObject({ kind: 'role', source: 'default-role' });
  });

  it('refuses a role the namespace does not allow, allows the default role everywhere', () => {
    expect(decidePodRole(pod({ 'iam.amazonaws.com/role': 'writer' }), restricted, allowed)).toMatchObject({ kind: 'not-allowed' });
    expect(decidePodRole(pod({ 'iam.amazonaws.com/role': 'reader' }), restricted, allowed)).toMatchObject({ kind: 'role' });
    expect(decidePodRole(pod({ 'iam.amazonaws.com/role': 'reader' }, 'team-b'), restricted, allowed)).toMatchObject({ kind: 'not-allowed' });
    expect(decidePodRole(pod({ 'iam.amazonaws.com/role': 'default' }, 'team-b'), restricted, allowed)).toMatchObject({ kind: 'role' });
  });

  it('reports an annotation that names no role', () => {
    expect(decidePodRole(pod({ 'iam.amazonaws.com/role': 'arn:aws:iam::1:role/x' }), rules, allowed)).toEqual({ kind: 'invalid-role', value: 'arn:aws:iam::1:role/x' });
  });

  it('honours --iam-role-key and --iam-external-id', () => {
    const custom = { ...rules, roleKey: 'example.com/role', externalIdKey: 'example.com/ext' };
    const d = decidePodRole(pod({ 'example.com/role': 'reader', 'example.com/ext': 'e', 'iam.amazonaws.com/role': 'writer' }), custom, allowed);
    expect(d).toMatchObject({ kind: 'role', externalId: 'e' });
    expect(d.kind === 'role' && d.role.name).toBe('reader');
  });

  it('the service account role-arn annotation is a full ARN and obeys the namespace restriction', () => {
    const sa = { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/reader' };
    expect(decideServiceAccountRole(pod({}), sa, restricted, allowed)).toMatchObject({ kind: 'role', source: 'service-account' });
    expect(decideServiceAccountRole(pod({}, 'team-b'), sa, restricted, allowed)).toMatchObject({ kind: 'not-allowed' });
    expect(decideServiceAccountRole(pod({}), { 'eks.amazonaws.com/role-arn': 'reader' }, restricted, allowed)).toMatchObject({ kind: 'invalid-role' });
    expect(decideServiceAccountRole(pod({}), undefined, restricted, allowed)).toEqual({ kind: 'no-role' });
  });
});
