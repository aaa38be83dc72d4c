import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUniqueId } from '../../identity/index.ts';
import { ACCOUNT, iamWorld, OTHER_ACCOUNT, rootOf, type IamWorld } from './iam-world.fixture.ts';

interface Profile {
  Path: string;
  InstanceProfileName: string;
  InstanceProfileId: string;
  Arn: string;
  CreateDate: Date;
  Roles: { RoleName: string; RoleId: string; Arn: string; Path: string; AssumeRolePolicyDocument: string }[];
  Tags?: { Key: string; Value: string }[];
}

const EC2_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

let world: IamWorld;
beforeEach(async () => {
  world = await iamWorld();
});
afterEach(async () => {
  await world.close();
});

async function createRole(name: string, path = '/'): Promise<{ RoleId: string; Arn: string }> {
  const out = await world.ok('CreateRole', { RoleName: name, Path: path, AssumeRolePolicyDocument: EC2_TRUST });
  return out['Role'] as { RoleId: string; Arn: string };
}

async function createProfile(name: string, extra: Record<string, unknown> = {}): Promise<Profile> {
  return (await world.ok('CreateInstanceProfile', { InstanceProfileName: name, ...extra }))['InstanceProfile'] as Profile;
}

async function getProfile(name: string): Promise<Profile> {
  return (await world.ok('GetInstanceProfile', { InstanceProfileName: name }))['InstanceProfile'] as Profile;
}

describe('CreateInstanceProfile (IAM API Reference, "CreateInstanceProfile")', () => {
  it('creates an empty profile with an AIPA ID and the ARN arn:aws:iam::ACCOUNT:instance-profile/PATH/NAME', async () => {
    const created = await createProfile('Webserver', { Path: '/application_abc/component_xyz/' });
    expect(created.InstanceProfileId).toMatch(/^AIPA[A-Z2-7]{16}$/);
    expect(created.Arn).toBe(`arn:aws:iam::${ACCOUNT}:instance-profile/application_abc/component_xyz/Webserver`);
    expect(created).toMatchObject({ Path: '/application_abc/component_xyz/', InstanceProfileName: 'Webserver', Roles: [] });
    expect(created.CreateDate).toBeInstanceOf(Date);
    expect(created.Tags).toBeUndefined();
    expect(await getProfile('webserver')).toEqual(created);
  });

  it('the path defaults to a slash; tags given are returned and kept', async () => {
    const created = await createProfile('web', { Tags: [{ Key: 'team', Value: 'platform' }] });
    expect(created.Path).toBe('/');
    expect(created.Arn).toBe(`arn:aws:iam::${ACCOUNT}:instance-profile/web`);
    expect(created.Tags).toEqual([{ Key: 'team', Value: 'platform' }]);
    expect((await getProfile('web')).Tags).toEqual([{ Key: 'team', Value: 'platform' }]);
  });

  it('a name taken in any case is EntityAlreadyExists "Instance Profile NAME already exists."', async () => {
    await createProfile('web');
    const err = await world.fails('CreateInstanceProfile', { InstanceProfileName: 'WEB' });
    expect([err.code, err.message]).toEqual(['EntityAlreadyExists', 'Instance Profile WEB already exists.']);
  });

  it('the same name in another account is another profile', async () => {
    await createProfile('web');
    const other = (await world.ok('CreateInstanceProfile', { InstanceProfileName: 'web' }, rootOf(OTHER_ACCOUNT)))['InstanceProfile'] as Profile;
    expect(other.Arn).toBe(`arn:aws:iam::${OTHER_ACCOUNT}:instance-profile/web`);
  });

  it('names and paths are checked against instanceProfileNameType and pathType', async () => {
    const name = await world.fails('CreateInstanceProfile', { InstanceProfileName: 'web server' });
    expect(name.code).toBe('ValidationError');
    expect(name.message).toBe(
      "1 validation error detected: Value 'web server' at 'instanceProfileName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
    const long = await world.fails('CreateInstanceProfile', { InstanceProfileName: 'x'.repeat(129) });
    expect(long.message).toContain('Member must have length less than or equal to 128');
    const path = await world.fails('CreateInstanceProfile', { InstanceProfileName: 'web', Path: 'app/' });
    expect(path.message).toContain("at 'path' failed to satisfy constraint");
  });

  // IAM User Guide, "Tagging IAM resources": instance profile tag keys are case sensitive.
  it('a repeated tag key is InvalidInput; keys that differ in case are two tags', async () => {
    const err = await world.fails('CreateInstanceProfile', {
      InstanceProfileName: 'web',
      Tags: [
        { Key: 'team', Value: 'a' },
        { Key: 'team', Value: 'b' },
      ],
    });
    expect([err.code, err.message]).toEqual(['InvalidInput', 'Duplicate tag keys found.']);
    expect(await world.store.instanceProfiles.get(ACCOUNT, 'web')).toBeUndefined();
    const created = await createProfile('web', { Tags: [{ Key: 'Team', Value: 'a' }, { Key: 'team', Value: 'b' }] });
    expect(created.Tags).toEqual([{ Key: 'Team', Value: 'a' }, { Key: 'team', Value: 'b' }]);
  });

  it('an account holds at most 1,000 instance profiles ("IAM and AWS STS quotas"): LimitExceeded at the 1,001st', async () => {
    await world.store.transaction(async (tx) => {
      for (let i = 0; i < 1000; i++) {
        await tx.instanceProfiles.insert({ instanceProfileId: newUniqueId('AIPA'), accountId: ACCOUNT, name: `p${i}`, path: '/', tags: [], createdAt: new Date() });
      }
    });
    const err = await world.fails('CreateInstanceProfile', { InstanceProfileName: 'one-more' });
    expect([err.code, err.message]).toEqual(['LimitExceeded', 'Cannot exceed quota for InstanceProfilesPerAccount: 1000']);
    // The quota is per account.
    await world.ok('CreateInstanceProfile', { InstanceProfileName: 'one-more' }, rootOf(OTHER_ACCOUNT));
  });
});

describe('GetInstanceProfile and ListInstanceProfiles (IAM API Reference)', () => {
  it('an unknown profile is NoSuchEntity "Instance Profile NAME cannot be found."', async () => {
    const err = await world.fails('GetInstanceProfile', { InstanceProfileName: 'nope' });
    expect([err.code, err.message]).toEqual(['NoSuchEntity', 'Instance Profile nope cannot be found.']);
  });

  it('lists the account’s profiles by name, a page at a time, under a path prefix, without tags', async () => {
    await createProfile('zeta');
    await createProfile('Alpha', { Path: '/app/', Tags: [{ Key: 'k', Value: 'v' }] });
    await createProfile('beta', { Path: '/app/web/' });
    await world.ok('CreateInstanceProfile', { InstanceProfileName: 'elsewhere' }, rootOf(OTHER_ACCOUNT));
    const first = await world.ok('ListInstanceProfiles', { MaxItems: 2 });
    const names = (out: Record<string, unknown>) => (out['InstanceProfiles'] as Profile[]).map((p) => p.InstanceProfileName);
    expect(names(first)).toEqual(['Alpha', 'beta']);
    expect(first['IsTruncated']).toBe(true);
    expect((first['InstanceProfiles'] as Profile[])[0]?.Tags).toBeUndefined();
    const rest = await world.ok('ListInstanceProfiles', { MaxItems: 2, Marker: first['Marker'] });
    expect(names(rest)).toEqual(['zeta']);
    expect(rest['IsTruncated']).toBe(false);
    expect(rest['Marker']).toBeUndefined();
    expect(names(await world.ok('ListInstanceProfiles', { PathPrefix: '/app/' }))).toEqual(['Alpha', 'beta']);
    expect(names(await world.ok('ListInstanceProfiles', { PathPrefix: '/app/web/' }))).toEqual(['beta']);
  });

  it('a marker IAM did not issue is InvalidInput', async () => {
    const err = await world.fails('ListInstanceProfiles', { Marker: 'not-a-marker' });
    expect([err.code, err.message]).toEqual(['InvalidInput', 'Invalid Marker.']);
  });
});

describe('AddRoleToInstanceProfile: "An instance profile can contain only one role" (IAM API Reference)', () => {
  it('the role appears in the profile with its trust policy URL-encoded, and the profile in ListInstanceProfilesForRole', async () => {
    const role = await createRole('web-role', '/app/');
    await createProfile('web');
    await world.ok('AddRoleToInstanceProfile', { InstanceProfileName: 'web', RoleName: 'web-role' });
    const profile = await getProfile('web');
    expect(profile.Roles).toHaveLength(1);
    expect(profile.Roles[0]).toMatchObject({ RoleName: 'web-role', RoleId: role.RoleId, Arn: role.Arn, Path: '/app/' });
    expect(decodeURIComponent(profile.Roles[0]?.AssumeRolePolicyDocument ?? '')).toBe(EC2_TRUST);
    const forRole = await world.ok('ListInstanceProfilesForRole', { RoleName: 'web-role' });
    expect((forRole['InstanceProfiles'] as Profile[]).map((p) => p.InstanceProfileName)).toEqual(['web']);
    expect(forRole['IsTruncated']).toBe(false);
  });

  it('a second role is LimitExceeded "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1", and so is the same role again', async () => {
    await createRole('a');
    await createRole('b');
    await createProfile('web');
    await world.ok('AddRoleToInstanceProfile', { InstanceProfileName: 'web', RoleName: 'a' });
    for (const roleName of ['b', 'a']) {
      const err = await world.fails('AddRoleToInstanceProfile', { InstanceProfileName: 'web', RoleName: roleName });
      expect([err.code, err.message]).toEqual(['LimitExceeded', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1']);
    }
    expect((await getProfile('web')).Roles.map((r) => r.RoleName)).toEqual(['a']);
  });

  it('one role may be in several profiles', async () => {
    await createRole('shared');
    await createProfile('one');
    await createProfile('two');
    await world.ok('AddRoleToInstanceProfile', { InstanceProfileName: 'one', RoleName: 'shared' });
    await world.ok('AddRoleToInstanceProfile', { InstanceProfileName: 'two', RoleName: 'shared' });
    const forRole = await world.ok('ListInstanceProfilesForRole', { RoleName: 'shared', MaxItems: 1 });
    expect((forRole['InstanceProfiles'] as Profile[]).map((p) => p.InstanceProfileName)).toEqual(['one']);
    const rest = await world.ok('ListInstanceProfilesForRole', { RoleName: 'shared', Marker: forRole['Marker'] });
    expect((rest['InstanceProfiles'] as Profile[]).map((p) => p.InstanceProfileName)).toEqual(['two']);
  });

  it('an unknown profile or role is NoSuchEntity naming it', async () => {
    await createRole('r');
    await createProfile('web');
    const profile = await world.fails('AddRoleToInstanceProfile', { InstanceProfileName: 'nope', RoleName: 'r' });
    expect([profile.code, profile.message]).toEqual(['NoSuchEntity', 'Instance Profile nope cannot be found.']);
    const role = await world.fails('AddRoleToInstanceProfile', { InstanceProfileName: 'web', RoleName: 'nope' });
    expect([role.code, role.message]).toEqual(['NoSuchEntity', 'The role with name nope cannot be found.']);
    const forRole = await world.fails('ListInstanceProfilesForRole', { RoleName: 'nope' });
    expect([forRole.code, forRole.message]).toEqual(['NoSuchEntity', 'The role with name nope cannot be found.']);
  });
});

describe('RemoveRoleFromInstanceProfile and DeleteInstanceProfile (IAM API Reference)', () => {
  it('a profile that holds a role cannot be deleted: DeleteConflict until the role is removed', async () => {
    await createRole('r');
    await createProfile('web');
    await world.ok('AddRoleToInstanceProfile', { InstanceProfileName: 'web', RoleName: 'r' });
    const err = await world.fails('DeleteInstanceProfile', { InstanceProfileName: 'web' });
    expect([err.code, err.message]).toEqual(['DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.']);
    await world.ok('RemoveRoleFromInstanceProfile', { InstanceProfileName: 'web', RoleName: 'r' });
    expect((await getProfile('web')).Roles).toEqual([]);
    await world.ok('DeleteInstanceProfile', { InstanceProfileName: 'web' });
    expect((await world.fails('GetInstanceProfile', { InstanceProfileName: 'web' })).code).toBe('NoSuchEntity');
    expect((await world.fails('DeleteInstanceProfile', { InstanceProfileName: 'web' })).message).toBe('Instance Profile web cannot be found.');
    // The role stays.
    await world.ok('GetRole', { RoleName: 'r' });
  });

  it('removing a role the profile does not hold is NoSuchEntity naming the role', async () => {
    await createRole('r');
    await createProfile('web');
    const err = await world.fails('RemoveRoleFromInstanceProfile', { InstanceProfileName: 'web', RoleName: 'r' });
    expect([err.code, err.message]).toEqual(['NoSuchEntity', 'The role with name r cannot be found.']);
  });
});

describe('DeleteRole refuses a role that is in an instance profile (IAM API Reference, "DeleteRole")', () => {
  it('DeleteConflict "Cannot delete entity, must remove roles from instance profile first." until it is removed', async () => {
    await createRole('r');
    await createProfile('web');
    await world.ok('AddRoleToInstanceProfile', { InstanceProfileName: 'web', RoleName: 'r' });
    const err = await world.fails('DeleteRole', { RoleName: 'r' });
    expect([err.code, err.message]).toEqual(['DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.']);
    await world.ok('RemoveRoleFromInstanceProfile', { InstanceProfileName: 'web', RoleName: 'r' });
    await world.ok('DeleteRole', { RoleName: 'r' });
    // A new role under the old name is not in the old role's profile.
    await createRole('r');
    expect((await getProfile('web')).Roles).toEqual([]);
  });
});

describe('Tagging instance profiles (IAM API Reference, "TagInstanceProfile", "UntagInstanceProfile", "ListInstanceProfileTags")', () => {
  // IAM User Guide, "Tagging IAM resources": "Tag key values are case sensitive: ... Instance profiles".
  it('tags are added, replaced by key (case sensitive: team and TEAM are two tags), listed in order and removed', async () => {
    await createProfile('web', { Tags: [{ Key: 'team', Value: 'a' }] });
    await world.ok('TagInstanceProfile', { InstanceProfileName: 'web', Tags: [{ Key: 'env', Value: 'prod' }, { Key: 'TEAM', Value: 'b' }] });
    await world.ok('TagInstanceProfile', { InstanceProfileName: 'web', Tags: [{ Key: 'team', Value: 'c' }] });
    expect((await world.ok('ListInstanceProfileTags', { InstanceProfileName: 'web' }))['Tags']).toEqual([
      { Key: 'env', Value: 'prod' },
      { Key: 'TEAM', Value: 'b' },
      { Key: 'team', Value: 'c' },
    ]);
    await world.ok('UntagInstanceProfile', { InstanceProfileName: 'web', TagKeys: ['team', 'TEAM'] });
    expect((await getProfile('web')).Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
    const err = await world.fails('TagInstanceProfile', { InstanceProfileName: 'nope', Tags: [{ Key: 'a', Value: 'b' }] });
    expect([err.code, err.message]).toEqual(['NoSuchEntity', 'Instance Profile nope cannot be found.']);
  });

  it('50 tags at most: LimitExceeded "Cannot exceed quota for TagsPerInstanceProfile: 50"', async () => {
    await createProfile('web', { Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) });
    const err = await world.fails('TagInstanceProfile', { InstanceProfileName: 'web', Tags: [{ Key: 'one-more', Value: 'v' }] });
    expect([err.code, err.message]).toEqual(['LimitExceeded', 'Cannot exceed quota for TagsPerInstanceProfile: 50']);
  });
});

describe('Instance profile actions are authorised on the profile ARN (Service Authorization Reference, IAM)', () => {
  it('iam:CreateInstanceProfile is checked on the ARN with its path; tags need iam:TagInstanceProfile too', async () => {
    const caller = await world.user(ACCOUNT, 'builder', [
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:CreateInstanceProfile', Resource: `arn:aws:iam::${ACCOUNT}:instance-profile/app/*` }] },
    ]);
    await world.ok('CreateInstanceProfile', { InstanceProfileName: 'web', Path: '/app/' }, caller);
    const root = await world.fails('CreateInstanceProfile', { InstanceProfileName: 'web2' }, caller);
    expect(root.code).toBe('AccessDenied');
    expect(root.message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/builder is not authorized to perform: iam:CreateInstanceProfile on resource: arn:aws:iam::${ACCOUNT}:instance-profile/web2 because no identity-based policy allows the iam:CreateInstanceProfile action`,
    );
    const tagged = await world.fails('CreateInstanceProfile', { InstanceProfileName: 'web3', Path: '/app/', Tags: [{ Key: 'a', Value: 'b' }] }, caller);
    expect(tagged.message).toContain('iam:TagInstanceProfile');
    expect(await world.store.instanceProfiles.get(ACCOUNT, 'web3')).toBeUndefined();
  });

  it('a caller without permission learns nothing of which profiles exist', async () => {
    const caller = await world.user(ACCOUNT, 'nobody', []);
    const err = await world.fails('GetInstanceProfile', { InstanceProfileName: 'nope' }, caller);
    expect(err.code).toBe('AccessDenied');
    expect(err.message).toContain(`on resource: arn:aws:iam::${ACCOUNT}:instance-profile/nope`);
  });

  it('ListInstanceProfiles is checked on the path it lists', async () => {
    const caller = await world.user(ACCOUNT, 'lister', [
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListInstanceProfiles', Resource: `arn:aws:iam::${ACCOUNT}:instance-profile/app/*` }] },
    ]);
    await world.ok('ListInstanceProfiles', { PathPrefix: '/app/' }, caller);
    const err = await world.fails('ListInstanceProfiles', {}, caller);
    expect(err.message).toContain(`iam:ListInstanceProfiles on resource: arn:aws:iam::${ACCOUNT}:instance-profile/ `);
  });

  it('AddRoleToInstanceProfile also needs iam:PassRole on the role, passed to ec2.amazonaws.com', async () => {
    const role = await createRole('web-role');
    await createProfile('web');
    const addOnly = { Effect: 'Allow', Action: 'iam:AddRoleToInstanceProfile', Resource: `arn:aws:iam::${ACCOUNT}:instance-profile/web` };
    const noPass = await world.user(ACCOUNT, 'no-pass', [{ Version: '2012-10-17', Statement: [addOnly] }]);
    const denied = await world.fails('AddRoleToInstanceProfile', { InstanceProfileName: 'web', RoleName: 'web-role' }, noPass);
    expect(denied.code).toBe('AccessDenied');
    expect(denied.message).toContain(`iam:PassRole on resource: ${role.Arn}`);

    const passToLambda = await world.user(ACCOUNT, 'lambda-pass', [
      {
        Version: '2012-10-17',
        Statement: [addOnly, { Effect: 'Allow', Action: 'iam:PassRole', Resource: role.Arn, Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }],
      },
    ]);
    expect((await world.fails('AddRoleToInstanceProfile', { InstanceProfileName: 'web', RoleName: 'web-role' }, passToLambda)).code).toBe('AccessDenied');

    const passToEc2 = await world.user(ACCOUNT, 'ec2-pass', [
      {
        Version: '2012-10-17',
        Statement: [
          addOnly,
          {
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: role.Arn,
            Condition: {
              StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' },
              ArnLike: { 'iam:AssociatedResourceARN': `arn:aws:ec2:*:${ACCOUNT}:instance/*` },
            },
          },
        ],
      },
    ]);
    await world.ok('AddRoleToInstanceProfile', { InstanceProfileName: 'web', RoleName: 'web-role' }, passToEc2);
    expect((await getProfile('web')).Roles.map((r) => r.RoleName)).toEqual(['web-role']);
  });
});

describe('Instance profiles in GetAccountAuthorizationDetails and GetAccountSummary (IAM API Reference)', () => {
  it('RoleDetailList[].InstanceProfileList lists the profiles that hold the role, with the role inside', async () => {
    const role = await createRole('r');
    await createRole('lonely');
    const profile = await createProfile('web');
    await world.ok('AddRoleToInstanceProfile', { InstanceProfileName: 'web', RoleName: 'r' });
    const details = await world.ok('GetAccountAuthorizationDetails', { Filter: ['Role'] });
    const roles = details['RoleDetailList'] as { RoleName: string; InstanceProfileList: Profile[] }[];
    const r = roles.find((x) => x.RoleName === 'r');
    expect(r?.InstanceProfileList.map((p) => [p.InstanceProfileName, p.InstanceProfileId, p.Arn])).toEqual([['web', profile.InstanceProfileId, profile.Arn]]);
    expect(r?.InstanceProfileList[0]?.Roles.map((x) => x.RoleId)).toEqual([role.RoleId]);
    expect(roles.find((x) => x.RoleName === 'lonely')?.InstanceProfileList).toEqual([]);
  });

  it('SummaryMap counts the account’s instance profiles against InstanceProfilesQuota', async () => {
    await createProfile('one');
    await createProfile('two');
    await world.ok('CreateInstanceProfile', { InstanceProfileName: 'theirs' }, rootOf(OTHER_ACCOUNT));
    const summary = (await world.ok('GetAccountSummary', {}))['SummaryMap'] as Record<string, number>;
    expect(summary['InstanceProfiles']).toBe(2);
    expect(summary['InstanceProfilesQuota']).toBe(1000);
  });
});
