import { describe, expect, it } from 'vitest';
import { explain, loadPolicy, prepareRequest, RequestContext, type CompiledPolicy, type PolicyKind } from '../policy/index.ts';
import { accessDeniedMessage } from './access-denied.ts';

const ACCOUNT = '123456789012';
const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;

function compiled(kind: PolicyKind, policyType: 'IDENTITY_POLICY' | 'SERVICE_CONTROL_POLICY' | 'PERMISSIONS_BOUNDARY', effect: 'Allow' | 'Deny'): CompiledPolicy {
  const loaded = loadPolicy(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: 'iam:ListUsers', Resource: '*' }] }), { policyType, source: { id: kind, kind } });
  if (!loaded.ok) throw new Error('fixture does not parse');
  return loaded.policy;
}

const request = prepareRequest({ principal: { type: 'User', arn: USER, accountId: ACCOUNT }, action: 'iam:ListUsers', resource: `arn:aws:iam::${ACCOUNT}:user/`, context: new RequestContext({}) });
const allowAll = compiled('IdentityPolicy', 'IDENTITY_POLICY', 'Allow');

// IAM User Guide, "Troubleshoot access denied error messages": an explicit deny is reported "with an
// explicit deny in an identity-based policy" / "in a service control policy" — the article agrees.
describe('AccessDenied names the policy type of an explicit deny (Troubleshoot access denied error messages)', () => {
  it('"with an explicit deny in an identity-based policy"', () => {
    const why = explain({ identity: [allowAll, compiled('IdentityPolicy', 'IDENTITY_POLICY', 'Deny')] }, request);
    expect(accessDeniedMessage(USER, 'iam:ListUsers', `arn:aws:iam::${ACCOUNT}:user/`, why)).toBe(
      `User: ${USER} is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT}:user/ with an explicit deny in an identity-based policy`,
    );
  });

  it('"with an explicit deny in a service control policy" and "in a permissions boundary"', () => {
    const scp = explain({ identity: [allowAll], scps: [[compiled('ServiceControlPolicy', 'SERVICE_CONTROL_POLICY', 'Deny')]] }, request);
    const boundary = explain({ identity: [allowAll], permissionsBoundary: compiled('PermissionsBoundary', 'PERMISSIONS_BOUNDARY', 'Deny') }, request);
    expect([scp, boundary].map((why) => accessDeniedMessage(USER, 'iam:ListUsers', '*', why).split(' * ')[1])).toEqual([
      'with an explicit deny in a service control policy',
      'with an explicit deny in a permissions boundary',
    ]);
  });
});
