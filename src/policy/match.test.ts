import { describe, expect, it } from 'vitest';
import { A, B, alice, bobInB, check, doc, policy, rootA, session, stmt } from './test-support.ts';
import type { RequestPrincipal } from './principal.ts';

const allowed = (d: { decision: string }) => d.decision === 'allowed';

describe('IAM User Guide, "IAM JSON policy elements: Action": case-insensitive, with wildcards', () => {
  const p = (action: string | string[]) => ({ identity: [policy('IdentityPolicy', doc(stmt('Allow', action, '*')))] });
  it('matches action names case-insensitively', () => {
    expect(allowed(check(p('S3:getobject'), alice, 's3:GetObject', '*'))).toBe(true);
    expect(allowed(check(p('s3:GetObject'), alice, 'S3:GETOBJECT', '*'))).toBe(true);
  });
  it('* matches any run of characters and ? exactly one', () => {
    expect(allowed(check(p('s3:Get*'), alice, 's3:GetObjectTagging', '*'))).toBe(true);
    expect(allowed(check(p('s3:Get*'), alice, 's3:PutObject', '*'))).toBe(false);
    expect(allowed(check(p('iam:?etRole'), alice, 'iam:GetRole', '*'))).toBe(true);
    expect(allowed(check(p('iam:?etRole'), alice, 'iam:GetRolePolicy', '*'))).toBe(false);
    expect(allowed(check(p('*'), alice, 'ec2:RunInstances', '*'))).toBe(true);
    expect(allowed(check(p('s3:*'), alice, 's3express:CreateSession', '*'))).toBe(false);
  });
  it('NotAction applies to every action except those listed', () => {
    const set = { identity: [policy('IdentityPolicy', doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }))] };
    expect(allowed(check(set, alice, 's3:GetObject', '*'))).toBe(true);
    expect(allowed(check(set, alice, 'IAM:CreateUser', '*'))).toBe(false);
  });
});

describe('IAM User Guide, "IAM JSON policy elements: Resource": case-sensitive ARNs, wildcards within segments', () => {
  const p = (resource: string | string[]) => ({ identity: [policy('IdentityPolicy', doc(stmt('Allow', 's3:GetObject', resource)))] });
  it('matches resource ARNs case-sensitively', () => {
    expect(allowed(check(p('arn:aws:s3:::pics/*'), alice, 's3:GetObject', 'arn:aws:s3:::pics/cat.jpg'))).toBe(true);
    expect(allowed(check(p('arn:aws:s3:::pics/*'), alice, 's3:GetObject', 'arn:aws:s3:::PICS/cat.jpg'))).toBe(false);
  });
  it('a wildcard in the resource segment spans slashes and colons of that segment', () => {
    expect(allowed(check(p('arn:aws:s3:::pics/*'), alice, 's3:GetObject', 'arn:aws:s3:::pics/a/b:c.jpg'))).toBe(true);
  });
  it('wildcards match within one ARN segment, in every segment', () => {
    const set = p('arn:aws:s3:*:*:pics/*');
    expect(allowed(check(set, alice, 's3:GetObject', 'arn:aws:s3:::pics/x'))).toBe(true);
    expect(allowed(check(p('arn:*:s3:::pics/?'), alice, 's3:GetObject', 'arn:aws-cn:s3:::pics/x'))).toBe(true);
    expect(allowed(check(p('arn:*:s3:::pics/?'), alice, 's3:GetObject', 'arn:aws:s3:::pics/xy'))).toBe(false);
  });
  it('a * that ends a segment may match beyond the colon; elsewhere it stays within its segment', () => {
    expect(allowed(check(p('arn:aws:iam::*:role/app'), alice, 's3:GetObject', 'arn:aws:iam::111122223333:role/app'))).toBe(true);
    expect(allowed(check(p('arn:aws:sqs:us-east-1:*'), alice, 's3:GetObject', 'arn:aws:sqs:us-east-1:111122223333:queue1'))).toBe(true);
    expect(allowed(check(p('arn:aws:iam::1*3:role/app'), alice, 's3:GetObject', 'arn:aws:iam::1:x:3:role/app'))).toBe(false);
  });
  it('${*} and ${?} are literal characters in a resource', () => {
    expect(allowed(check(p('arn:aws:s3:::pics/${*}'), alice, 's3:GetObject', 'arn:aws:s3:::pics/*'))).toBe(true);
    expect(allowed(check(p('arn:aws:s3:::pics/${*}'), alice, 's3:GetObject', 'arn:aws:s3:::pics/a'))).toBe(false);
  });
  it('a substituted value is literal text, never a wildcard', () => {
    expect(allowed(check(p('arn:aws:s3:::home/${aws:username}'), alice, 's3:GetObject', 'arn:aws:s3:::home/x', { 'aws:username': '*' }))).toBe(false);
    expect(allowed(check(p('arn:aws:s3:::home/${aws:username}'), alice, 's3:GetObject', 'arn:aws:s3:::home/*', { 'aws:username': '*' }))).toBe(true);
  });
  it('"*" matches every resource, including "*" itself', () => {
    expect(allowed(check(p('*'), alice, 's3:GetObject', '*'))).toBe(true);
    expect(allowed(check(p('arn:aws:s3:::*'), alice, 's3:GetObject', '*'))).toBe(false);
  });
  it('NotResource applies to every resource except those listed', () => {
    const set = { identity: [policy('IdentityPolicy', doc({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' }))] };
    expect(allowed(check(set, alice, 's3:GetObject', 'arn:aws:s3:::pics/a'))).toBe(true);
    expect(allowed(check(set, alice, 's3:GetObject', 'arn:aws:s3:::secret/a'))).toBe(false);
  });
  it('IAM User Guide, "IAM policy elements: Variables and tags": ${aws:username} in a resource', () => {
    const set = p('arn:aws:s3:::home/${aws:username}/*');
    expect(allowed(check(set, alice, 's3:GetObject', 'arn:aws:s3:::home/alice/x', { 'aws:username': 'alice' }))).toBe(true);
    expect(allowed(check(set, alice, 's3:GetObject', 'arn:aws:s3:::home/bob/x', { 'aws:username': 'alice' }))).toBe(false);
    // An absent key makes the resource match nothing.
    expect(allowed(check(set, alice, 's3:GetObject', 'arn:aws:s3:::home//x'))).toBe(false);
  });
  it('no substitution under Version 2008-10-17', () => {
    const old = { identity: [policy('IdentityPolicy', { Version: '2008-10-17', Statement: [stmt('Allow', 's3:GetObject', 'arn:aws:s3:::home/${aws:username}/*')] })] };
    expect(allowed(check(old, alice, 's3:GetObject', 'arn:aws:s3:::home/alice/x', { 'aws:username': 'alice' }))).toBe(false);
    expect(allowed(check(old, alice, 's3:GetObject', 'arn:aws:s3:::home/${aws:username}/x', { 'aws:username': 'alice' }))).toBe(true);
  });
});

describe('IAM User Guide, "AWS JSON policy elements: Principal"', () => {
  const object = 'arn:aws:s3:::pics/x';
  const rp = (principal: unknown) => ({
    resourcePolicy: policy('ResourcePolicy', doc(stmt('Allow', 's3:GetObject', '*', { Principal: principal }))),
  });
  it('a role ARN matches every session of that role; a session ARN only that session', () => {
    expect(allowed(check(rp({ AWS: `arn:aws:iam::${A}:role/team/app` }), session, 's3:GetObject', object))).toBe(true);
    expect(allowed(check(rp({ AWS: session.arn }), session, 's3:GetObject', object))).toBe(true);
    const other: RequestPrincipal = { ...session, arn: `arn:aws:sts::${A}:assumed-role/app/pod-2` };
    expect(allowed(check(rp({ AWS: session.arn }), other, 's3:GetObject', object))).toBe(false);
  });
  it('an account ID and the account root ARN name the same account', () => {
    const id = { identity: [policy('IdentityPolicy', doc(stmt('Allow', 's3:GetObject', '*')))] };
    expect(allowed(check({ ...id, ...rp({ AWS: B }) }, bobInB, 's3:GetObject', object, {}, A))).toBe(true);
    expect(allowed(check({ ...id, ...rp({ AWS: `arn:aws:iam::${B}:root` }) }, bobInB, 's3:GetObject', object, {}, A))).toBe(true);
    expect(allowed(check({ ...id, ...rp({ AWS: `arn:aws:iam::${A}:root` }) }, bobInB, 's3:GetObject', object, {}, A))).toBe(false);
  });
  it('"*" and {"AWS": "*"} name every principal', () => {
    expect(allowed(check(rp('*'), alice, 's3:GetObject', object))).toBe(true);
    expect(allowed(check(rp({ AWS: '*' }), bobInB, 's3:GetObject', object, {}, A))).toBe(false); // Bob still needs his own identity policy
    expect(allowed(check(rp({ AWS: '*' }), alice, 's3:GetObject', object))).toBe(true);
  });
  it('service principals match by name', () => {
    const ec2: RequestPrincipal = { type: 'Service', arn: 'ec2.amazonaws.com', servicePrincipal: 'ec2.amazonaws.com' };
    expect(allowed(check(rp({ Service: 'ec2.amazonaws.com' }), ec2, 's3:GetObject', object, {}, A))).toBe(true);
    expect(allowed(check(rp({ Service: 'lambda.amazonaws.com' }), ec2, 's3:GetObject', object, {}, A))).toBe(false);
  });
});

describe('IAM User Guide, "AWS JSON policy elements: NotPrincipal": Deny applies to everyone not named, account included', () => {
  const object = 'arn:aws:s3:::pics/x';
  const allowAll = { identity: [policy('IdentityPolicy', doc(stmt('Allow', 's3:*', '*')))] };
  const denyExcept = (names: string[]) =>
    policy('ResourcePolicy', doc(stmt('Deny', 's3:*', '*', { NotPrincipal: { AWS: names } }), stmt('Allow', 's3:*', '*', { Principal: { AWS: A } })));
  it('a user is exempt only when both the user and its account are named', () => {
    expect(check({ ...allowAll, resourcePolicy: denyExcept([alice.arn]) }, alice, 's3:GetObject', object).decision).toBe('explicitDeny');
    expect(check({ ...allowAll, resourcePolicy: denyExcept([alice.arn, `arn:aws:iam::${A}:root`]) }, alice, 's3:GetObject', object).decision).toBe('allowed');
  });
  it('a role session is exempt only when the session, the role and the account are named', () => {
    const role = `arn:aws:iam::${A}:role/team/app`;
    expect(check({ ...allowAll, resourcePolicy: denyExcept([role, A]) }, session, 's3:GetObject', object).decision).toBe('explicitDeny');
    expect(check({ ...allowAll, resourcePolicy: denyExcept([session.arn, role, A]) }, session, 's3:GetObject', object).decision).toBe('allowed');
  });
  it('a Deny with NotPrincipal always applies to a user or role with a permissions boundary, whatever it names', () => {
    const boundary = policy('PermissionsBoundary', doc(stmt('Allow', 's3:*', '*')));
    const exempt = denyExcept([alice.arn, `arn:aws:iam::${A}:root`]);
    expect(check({ ...allowAll, resourcePolicy: exempt, permissionsBoundary: boundary }, alice, 's3:GetObject', object).decision).toBe('explicitDeny');
    const role = `arn:aws:iam::${A}:role/team/app`;
    const sessionExempt = denyExcept([session.arn, role, A]);
    expect(check({ ...allowAll, resourcePolicy: sessionExempt, permissionsBoundary: boundary }, session, 's3:GetObject', object).decision).toBe('explicitDeny');
    expect(check({ ...allowAll, resourcePolicy: sessionExempt }, session, 's3:GetObject', object).decision).toBe('allowed');
  });
  it('everyone else is denied', () => {
    expect(check({ ...allowAll, resourcePolicy: denyExcept([alice.arn, A]) }, rootA, 's3:GetObject', object).decision).toBe('allowed');
    const carol: RequestPrincipal = { type: 'User', arn: `arn:aws:iam::${A}:user/carol`, accountId: A };
    expect(check({ ...allowAll, resourcePolicy: denyExcept([alice.arn, A]) }, carol, 's3:GetObject', object).decision).toBe('explicitDeny');
  });
});
