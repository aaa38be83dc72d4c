import { describe, expect, it } from 'vitest';
import { A, B, alice, anonymous, bobInB, check, doc, policy, rootA, session, stmt } from './test-support.ts';
import type { RequestPrincipal } from './principal.ts';

const bucket = `arn:aws:s3:::pics`;
const object = `arn:aws:s3:::pics/indoor-cat.jpg`;

describe('IAM User Guide, "Policy evaluation logic": explicit deny, then allows', () => {
  it('denies implicitly when no policy allows', () => {
    expect(check({ identity: [] }, alice, 's3:GetObject', object).decision).toBe('implicitDeny');
  });
  it('allows what an identity-based policy allows', () => {
    const id = policy('IdentityPolicy', doc(stmt('Allow', 's3:GetObject', 'arn:aws:s3:::pics/*')));
    expect(check({ identity: [id] }, alice, 's3:GetObject', object)).toEqual({ decision: 'allowed', basis: 'IdentityPolicy' });
  });
  it('an explicit Deny in any policy overrides every Allow', () => {
    const allow = policy('IdentityPolicy', doc(stmt('Allow', 's3:*', '*')));
    const deny = policy('IdentityPolicy', doc(stmt('Deny', 's3:GetObject', object)));
    expect(check({ identity: [allow, deny] }, alice, 's3:GetObject', object).decision).toBe('explicitDeny');
    const bucketPolicy = policy('ResourcePolicy', doc(stmt('Deny', 's3:GetObject', object, { Principal: '*' })));
    expect(check({ identity: [allow], resourcePolicy: bucketPolicy }, alice, 's3:GetObject', object).decision).toBe('explicitDeny');
  });
  it('an explicit Deny in a permissions boundary or session policy also wins', () => {
    const allow = policy('IdentityPolicy', doc(stmt('Allow', '*', '*')));
    const denyAll = (kind: 'PermissionsBoundary' | 'SessionPolicy') => policy(kind, doc(stmt('Allow', '*', '*'), stmt('Deny', 's3:DeleteObject', '*')));
    expect(check({ identity: [allow], permissionsBoundary: denyAll('PermissionsBoundary') }, alice, 's3:DeleteObject', object).decision).toBe('explicitDeny');
    expect(check({ identity: [allow], sessionPolicies: [denyAll('SessionPolicy')] }, session, 's3:DeleteObject', object).decision).toBe('explicitDeny');
  });
});

describe('IAM User Guide, "Policy evaluation logic": permissions boundaries and session policies limit identity-based policies', () => {
  const allowS3 = policy('IdentityPolicy', doc(stmt('Allow', 's3:*', '*')));
  it('the effective permissions are the intersection of identity policy and boundary', () => {
    const boundary = policy('PermissionsBoundary', doc(stmt('Allow', 's3:GetObject', '*')));
    expect(check({ identity: [allowS3], permissionsBoundary: boundary }, alice, 's3:GetObject', object).decision).toBe('allowed');
    expect(check({ identity: [allowS3], permissionsBoundary: boundary }, alice, 's3:PutObject', object)).toEqual({
      decision: 'implicitDeny',
      basis: 'PermissionsBoundary',
    });
  });
  it('a boundary alone grants nothing', () => {
    const boundary = policy('PermissionsBoundary', doc(stmt('Allow', '*', '*')));
    expect(check({ identity: [], permissionsBoundary: boundary }, alice, 's3:GetObject', object).basis).toBe('IdentityPolicy');
  });
  it('session policies intersect with the role identity policies', () => {
    const sessionPolicy = policy('SessionPolicy', doc(stmt('Allow', 's3:GetObject', 'arn:aws:s3:::pics/*')));
    expect(check({ identity: [allowS3], sessionPolicies: [sessionPolicy] }, session, 's3:GetObject', object).decision).toBe('allowed');
    expect(check({ identity: [allowS3], sessionPolicies: [sessionPolicy] }, session, 's3:ListBucket', bucket)).toEqual({
      decision: 'implicitDeny',
      basis: 'SessionPolicy',
    });
  });
});

describe('IAM User Guide, "Policy evaluation logic": resource-based policies within one account', () => {
  const boundary = policy('PermissionsBoundary', doc(stmt('Allow', 'ec2:*', '*')));
  const sessionPolicy = policy('SessionPolicy', doc(stmt('Allow', 'ec2:*', '*')));
  const grant = (principal: string) => policy('ResourcePolicy', doc(stmt('Allow', 's3:GetObject', 'arn:aws:s3:::pics/*', { Principal: { AWS: principal } })));

  it('a resource policy naming the IAM user grants without any identity-based policy, even past an implicit deny in the boundary', () => {
    const rp = grant(alice.arn);
    expect(check({ identity: [], permissionsBoundary: boundary, resourcePolicy: rp }, alice, 's3:GetObject', object)).toEqual({
      decision: 'allowed',
      basis: 'ResourcePolicy',
    });
  });
  it('a resource policy naming the role session grants, not limited by boundary or session policy', () => {
    const rp = grant(session.arn);
    expect(check({ identity: [], permissionsBoundary: boundary, sessionPolicies: [sessionPolicy], resourcePolicy: rp }, session, 's3:GetObject', object).decision).toBe('allowed');
  });
  it('a resource policy naming the role grants, but is limited by an implicit deny in the boundary and the session policy', () => {
    const rp = grant(`arn:aws:iam::${A}:role/team/app`);
    expect(check({ identity: [], resourcePolicy: rp }, session, 's3:GetObject', object).decision).toBe('allowed');
    expect(check({ identity: [], permissionsBoundary: boundary, resourcePolicy: rp }, session, 's3:GetObject', object)).toEqual({
      decision: 'implicitDeny',
      basis: 'PermissionsBoundary',
    });
    expect(check({ identity: [], sessionPolicies: [sessionPolicy], resourcePolicy: rp }, session, 's3:GetObject', object)).toEqual({
      decision: 'implicitDeny',
      basis: 'SessionPolicy',
    });
  });
  it('a resource policy naming only the account delegates to identity-based policies', () => {
    const rp = grant(`arn:aws:iam::${A}:root`);
    expect(check({ identity: [], resourcePolicy: rp }, alice, 's3:GetObject', object).decision).toBe('implicitDeny');
    const id = policy('IdentityPolicy', doc(stmt('Allow', 's3:GetObject', '*')));
    expect(check({ identity: [id], resourcePolicy: rp }, alice, 's3:GetObject', object).decision).toBe('allowed');
    expect(check({ identity: [id], resourcePolicy: grant(A) }, alice, 's3:GetObject', object).decision).toBe('allowed');
  });
  it('a role trust policy must always allow: an identity-based policy alone cannot assume a role', () => {
    const role = `arn:aws:iam::${A}:role/S3-BUCKET-Role`;
    const id = policy('IdentityPolicy', doc(stmt('Allow', 'sts:AssumeRole', role)));
    const trustNamesOther = policy('ResourcePolicy', doc(stmt('Allow', 'sts:AssumeRole', undefined, { Principal: { AWS: `arn:aws:iam::${A}:role/other` } })), 'trust', 'TRUST_POLICY');
    expect(check({ identity: [id], resourcePolicy: trustNamesOther, resourcePolicyRequired: true }, alice, 'sts:AssumeRole', role)).toEqual({
      decision: 'implicitDeny',
      basis: 'ResourcePolicy',
    });
    const trustNamesAccount = policy('ResourcePolicy', doc(stmt('Allow', 'sts:AssumeRole', undefined, { Principal: { AWS: A } })), 'trust', 'TRUST_POLICY');
    expect(check({ identity: [id], resourcePolicy: trustNamesAccount, resourcePolicyRequired: true }, alice, 'sts:AssumeRole', role).decision).toBe('allowed');
    expect(check({ identity: [], resourcePolicy: trustNamesAccount, resourcePolicyRequired: true }, alice, 'sts:AssumeRole', role).decision).toBe('implicitDeny');
  });
});

describe('IAM User Guide, "Cross-account policy evaluation logic": both accounts must allow', () => {
  const rpNamingBob = policy('ResourcePolicy', doc(stmt('Allow', 's3:GetObject', 'arn:aws:s3:::pics/*', { Principal: { AWS: bobInB.arn } })));
  const bobMayRead = policy('IdentityPolicy', doc(stmt('Allow', 's3:GetObject', 'arn:aws:s3:::pics/*')));
  it('is allowed only when the identity policy in the caller account and the resource policy in the resource account both allow', () => {
    expect(check({ identity: [bobMayRead], resourcePolicy: rpNamingBob }, bobInB, 's3:GetObject', object, {}, A).decision).toBe('allowed');
    expect(check({ identity: [], resourcePolicy: rpNamingBob }, bobInB, 's3:GetObject', object, {}, A).basis).toBe('IdentityPolicy');
    expect(check({ identity: [bobMayRead] }, bobInB, 's3:GetObject', object, {}, A)).toEqual({ decision: 'implicitDeny', basis: 'ResourcePolicy' });
  });
  it('a resource policy naming the other account is enough on the resource side', () => {
    const rp = policy('ResourcePolicy', doc(stmt('Allow', 's3:GetObject', 'arn:aws:s3:::pics/*', { Principal: { AWS: `arn:aws:iam::${B}:root` } })));
    expect(check({ identity: [bobMayRead], resourcePolicy: rp }, bobInB, 's3:GetObject', object, {}, A).decision).toBe('allowed');
  });
  it('the root user of another account needs the resource policy too', () => {
    const rootB: RequestPrincipal = { type: 'Root', arn: `arn:aws:iam::${B}:root`, accountId: B };
    expect(check({}, rootB, 's3:GetObject', object, {}, A).decision).toBe('implicitDeny');
    const rp = policy('ResourcePolicy', doc(stmt('Allow', 's3:GetObject', '*', { Principal: { AWS: B } })));
    expect(check({ resourcePolicy: rp }, rootB, 's3:GetObject', object, {}, A).decision).toBe('allowed');
  });
});

describe('Organizations User Guide, "Service control policies" and "Resource control policies"', () => {
  const allowAll = policy('IdentityPolicy', doc(stmt('Allow', '*', '*')));
  const fullAccess = policy('ServiceControlPolicy', doc(stmt('Allow', '*', '*')), 'FullAWSAccess');
  const s3Only = policy('ServiceControlPolicy', doc(stmt('Allow', 's3:*', '*')), 's3-only');
  it('needs an Allow at every level of the organisation', () => {
    expect(check({ identity: [allowAll], scps: [[fullAccess], [s3Only]] }, alice, 's3:GetObject', object).decision).toBe('allowed');
    expect(check({ identity: [allowAll], scps: [[fullAccess], [s3Only]] }, alice, 'ec2:DescribeInstances', '*')).toEqual({
      decision: 'implicitDeny',
      basis: 'ServiceControlPolicy',
    });
  });
  it('an SCP grants nothing by itself', () => {
    expect(check({ identity: [], scps: [[fullAccess]] }, alice, 's3:GetObject', object).decision).toBe('implicitDeny');
  });
  it('applies to the root user of a member account', () => {
    expect(check({ scps: [[s3Only]] }, rootA, 'ec2:RunInstances', '*').decision).toBe('implicitDeny');
    expect(check({ scps: [[s3Only]] }, rootA, 's3:ListBucket', bucket).decision).toBe('allowed');
  });
  it('does not restrict service-linked roles', () => {
    const slr: RequestPrincipal = { ...session, serviceLinkedRole: true };
    expect(check({ identity: [allowAll], scps: [[s3Only]] }, slr, 'ec2:DescribeInstances', '*').decision).toBe('allowed');
  });
  it('RCPs restrict through Deny statements only (RCPFullAWSAccess allows the rest)', () => {
    const rcp = policy(
      'ResourceControlPolicy',
      doc(stmt('Deny', 's3:*', '*', { Principal: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } } })),
    );
    expect(check({ identity: [allowAll], rcps: [[rcp]] }, alice, 's3:GetObject', object, { 'aws:PrincipalOrgID': 'o-abc' }).decision).toBe('allowed');
    expect(check({ identity: [allowAll], rcps: [[rcp]] }, alice, 's3:GetObject', object, { 'aws:PrincipalOrgID': 'o-other' }).decision).toBe('explicitDeny');
  });
});

describe('IAM User Guide, special cases', () => {
  it('the root user is allowed everything in its own account, except explicit denies', () => {
    expect(check({}, rootA, 'iam:CreateRole', `arn:aws:iam::${A}:role/x`)).toEqual({ decision: 'allowed', basis: 'RootUser' });
    const rp = policy('ResourcePolicy', doc(stmt('Deny', 's3:*', '*', { Principal: '*' })));
    expect(check({ resourcePolicy: rp }, rootA, 's3:GetObject', object).decision).toBe('explicitDeny');
  });
  it('STS API Reference, "GetCallerIdentity": no permission needed, even with an explicit deny', () => {
    const deny = policy('IdentityPolicy', doc(stmt('Deny', '*', '*')));
    expect(check({ identity: [deny] }, alice, 'sts:GetCallerIdentity', '*')).toEqual({ decision: 'allowed', basis: 'NoPermissionRequired' });
  });
  it('anonymous callers are allowed only by a resource policy that names everyone', () => {
    const pub = policy('ResourcePolicy', doc(stmt('Allow', 's3:GetObject', 'arn:aws:s3:::pics/*', { Principal: '*' })));
    expect(check({ resourcePolicy: pub }, anonymous, 's3:GetObject', object, {}, A).decision).toBe('allowed');
    expect(check({ resourcePolicy: pub }, anonymous, 's3:PutObject', object, {}, A).decision).toBe('implicitDeny');
  });
  it('a web identity is allowed by a trust policy naming its provider as Federated principal', () => {
    const provider = `arn:aws:iam::${A}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC`;
    const trust = policy(
      'ResourcePolicy',
      doc(
        stmt('Allow', 'sts:AssumeRoleWithWebIdentity', undefined, {
          Principal: { Federated: provider },
          Condition: { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com' } },
        }),
      ),
      'trust',
      'TRUST_POLICY',
    );
    const web: RequestPrincipal = { type: 'WebIdentity', arn: provider, accountId: A, federatedProvider: provider };
    const role = `arn:aws:iam::${A}:role/s3-read-object`;
    const ok = { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com' };
    expect(check({ resourcePolicy: trust, resourcePolicyRequired: true }, web, 'sts:AssumeRoleWithWebIdentity', role, ok).decision).toBe('allowed');
    expect(check({ resourcePolicy: trust, resourcePolicyRequired: true }, web, 'sts:AssumeRoleWithWebIdentity', role, { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:aud': 'other' }).decision).toBe(
      'implicitDeny',
    );
    const otherProvider: RequestPrincipal = { ...web, arn: `${provider}X`, federatedProvider: `${provider}X` };
    expect(check({ resourcePolicy: trust, resourcePolicyRequired: true }, otherProvider, 'sts:AssumeRoleWithWebIdentity', role, ok).decision).toBe('implicitDeny');
  });
});
