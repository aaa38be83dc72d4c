import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestPrincipal } from '../../policy/index.ts';
import { ACCOUNT, iamWorld, OTHER_ACCOUNT, rootOf, type IamWorld } from '../instance-profiles/iam-world.fixture.ts';

const U = `arn:aws:iam::${ACCOUNT}:user/dev/U`;
const R = `arn:aws:iam::${OTHER_ACCOUNT}:role/R`;
const TRUST = `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["${U}", "${R}", "${ACCOUNT}"]}, "Action": "sts:AssumeRole"}]
}`;

let world: IamWorld;
beforeEach(async () => {
  world = await iamWorld();
});
afterEach(async () => {
  await world.close();
});

async function createUser(name: string): Promise<string> {
  const out = await world.ok('CreateUser', { UserName: name, Path: '/dev/' });
  return (out['User'] as { UserId: string }).UserId;
}

async function shownTrust(roleName: string): Promise<unknown> {
  const out = await world.ok('GetRole', { RoleName: roleName });
  return JSON.parse(decodeURIComponent((out['Role'] as { AssumeRolePolicyDocument: string }).AssumeRolePolicyDocument));
}

// Named by the trust policy itself: `exact` for a user, `role` for a session of a named role (the account
// principal also in TRUST would match U's account, so that does not count).
function trustMatches(roleName: string, principal: RequestPrincipal): boolean {
  const trust = world.snapshot().role(ACCOUNT, roleName)?.trust;
  return trust?.statements.some((s) => ['exact', 'role'].includes(s.principal?.(principal) ?? '')) ?? false;
}

const asU: RequestPrincipal = { type: 'User', arn: U, accountId: ACCOUNT };

describe('IAM User Guide, "AWS JSON policy elements: Principal" (IAM role and user principals): a trust policy binds role and user ARNs to their unique IDs when saved', () => {
  it('while the user exists, GetRole returns the trust policy as written and the user matches it', async () => {
    await createUser('U');
    await world.ok('CreateRole', { RoleName: 'R', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: OTHER_ACCOUNT }, Action: 'sts:AssumeRole' }] }) }, rootOf(OTHER_ACCOUNT));
    await world.ok('CreateRole', { RoleName: 'B', AssumeRolePolicyDocument: TRUST });
    const out = await world.ok('GetRole', { RoleName: 'B' });
    expect(decodeURIComponent((out['Role'] as { AssumeRolePolicyDocument: string }).AssumeRolePolicyDocument)).toBe(TRUST);
    expect(trustMatches('B', asU)).toBe(true);
  });

  it('a user deleted and recreated under the same name does not match, and GetRole, ListRoles and GetAccountAuthorizationDetails show the old AIDA ID', async () => {
    const oldId = await createUser('U');
    await world.ok('CreateRole', { RoleName: 'R', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: OTHER_ACCOUNT }, Action: 'sts:AssumeRole' }] }) }, rootOf(OTHER_ACCOUNT));
    await world.ok('CreateRole', { RoleName: 'B', AssumeRolePolicyDocument: TRUST });
    await world.ok('DeleteUser', { UserName: 'U' });
    const newId = await createUser('U');
    expect(newId).not.toBe(oldId);

    expect(trustMatches('B', asU)).toBe(false);
    const expected = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [oldId, R, ACCOUNT] }, Action: 'sts:AssumeRole' }] };
    expect(await shownTrust('B')).toEqual(expected);
    const listed = (await world.ok('ListRoles', {}))['Roles'] as { RoleName: string; AssumeRolePolicyDocument: string }[];
    expect(JSON.parse(decodeURIComponent(listed.find((r) => r.RoleName === 'B')?.AssumeRolePolicyDocument ?? ''))).toEqual(expected);
    const details = (await world.ok('GetAccountAuthorizationDetails', { Filter: ['Role'] }))['RoleDetailList'] as { RoleName: string; AssumeRolePolicyDocument: string }[];
    expect(JSON.parse(decodeURIComponent(details.find((r) => r.RoleName === 'B')?.AssumeRolePolicyDocument ?? ''))).toEqual(expected);

    // Saving the policy again binds the ARN to the new user: "you must edit the role to replace the ARN".
    await world.ok('UpdateAssumeRolePolicy', { RoleName: 'B', PolicyDocument: TRUST });
    expect(trustMatches('B', asU)).toBe(true);
    expect(await shownTrust('B')).toEqual(JSON.parse(TRUST));
  });

  it('a role named in another account is bound too: deleting and recreating it there breaks the trust', async () => {
    await createUser('U');
    const rTrust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: OTHER_ACCOUNT }, Action: 'sts:AssumeRole' }] });
    const first = (await world.ok('CreateRole', { RoleName: 'R', AssumeRolePolicyDocument: rTrust }, rootOf(OTHER_ACCOUNT)))['Role'] as { RoleId: string };
    await world.ok('CreateRole', { RoleName: 'B', AssumeRolePolicyDocument: TRUST });
    const session: RequestPrincipal = { type: 'AssumedRole', arn: `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/R/s`, roleArn: R, accountId: OTHER_ACCOUNT };
    expect(trustMatches('B', session)).toBe(true);
    await world.ok('DeleteRole', { RoleName: 'R' }, rootOf(OTHER_ACCOUNT));
    await world.ok('CreateRole', { RoleName: 'R', AssumeRolePolicyDocument: rTrust }, rootOf(OTHER_ACCOUNT));
    expect(trustMatches('B', session)).toBe(false);
    expect(await shownTrust('B')).toMatchObject({ Statement: [{ Principal: { AWS: [U, first.RoleId, ACCOUNT] } }] });
  });

  it('a renamed user keeps its ID: the trust policy shows and matches its new ARN', async () => {
    await createUser('U');
    await world.ok('CreateRole', { RoleName: 'B', AssumeRolePolicyDocument: TRUST.replace(`, "${R}"`, '') });
    await world.ok('UpdateUser', { UserName: 'U', NewUserName: 'U2' });
    const renamed = `arn:aws:iam::${ACCOUNT}:user/dev/U2`;
    expect(await shownTrust('B')).toMatchObject({ Statement: [{ Principal: { AWS: [renamed, ACCOUNT] } }] });
    expect(trustMatches('B', { type: 'User', arn: renamed, accountId: ACCOUNT })).toBe(true);
    expect(trustMatches('B', asU)).toBe(false);
  });

  it('a trust policy naming a user that does not exist is refused (MalformedPolicyDocument, Invalid principal in policy)', async () => {
    const error = await world.fails('CreateRole', { RoleName: 'B', AssumeRolePolicyDocument: TRUST.replace(`, "${R}"`, '') });
    expect(error.code).toBe('MalformedPolicyDocument');
    expect(error.message).toBe(`Invalid principal in policy: "AWS":"${U}"`);
  });
});
