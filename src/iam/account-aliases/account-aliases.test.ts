import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, iamWorld, OTHER_ACCOUNT, rootOf, type IamWorld } from '../instance-profiles/iam-world.fixture.ts';

let world: IamWorld;
beforeEach(async () => {
  world = await iamWorld();
});
afterEach(async () => {
  await world.close();
});

async function aliases(accountId = ACCOUNT): Promise<Record<string, unknown>> {
  return world.ok('ListAccountAliases', {}, rootOf(accountId));
}

describe('CreateAccountAlias and ListAccountAliases (IAM API Reference): one alias per account, unique across accounts', () => {
  it('an account without an alias lists none', async () => {
    expect(await aliases()).toEqual({ AccountAliases: [], IsTruncated: false });
  });

  it('the alias created is listed; a second one replaces it', async () => {
    await world.ok('CreateAccountAlias', { AccountAlias: 'example-corp' });
    expect(await aliases()).toEqual({ AccountAliases: ['example-corp'], IsTruncated: false });
    await world.ok('CreateAccountAlias', { AccountAlias: 'example-corp-2' });
    expect((await aliases())['AccountAliases']).toEqual(['example-corp-2']);
    // The old alias is free again.
    await world.ok('CreateAccountAlias', { AccountAlias: 'example-corp' }, rootOf(OTHER_ACCOUNT));
  });

  it('an alias another account holds is EntityAlreadyExists "The account alias NAME already exists.", and nothing changes', async () => {
    await world.ok('CreateAccountAlias', { AccountAlias: 'taken' }, rootOf(OTHER_ACCOUNT));
    await world.ok('CreateAccountAlias', { AccountAlias: 'mine' });
    const err = await world.fails('CreateAccountAlias', { AccountAlias: 'taken' });
    expect([err.code, err.message]).toEqual(['EntityAlreadyExists', 'The account alias taken already exists.']);
    expect((await aliases())['AccountAliases']).toEqual(['mine']);
    expect((await aliases(OTHER_ACCOUNT))['AccountAliases']).toEqual(['taken']);
  });

  it('the alias the account already holds is EntityAlreadyExists too', async () => {
    await world.ok('CreateAccountAlias', { AccountAlias: 'mine' });
    expect((await world.fails('CreateAccountAlias', { AccountAlias: 'mine' })).code).toBe('EntityAlreadyExists');
  });

  it.each([
    ['two dashes in a row', 'a--b'],
    ['a leading dash', '-abc'],
    ['a trailing dash', 'abc-'],
    ['upper case', 'Example'],
    ['an underscore', 'ex_ample'],
  ])('an alias with %s fails accountAliasType pattern', async (_, alias) => {
    const err = await world.fails('CreateAccountAlias', { AccountAlias: alias });
    expect(err.code).toBe('ValidationError');
    expect(err.message).toBe(
      `1 validation error detected: Value '${alias}' at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`,
    );
  });

  it('3 to 63 characters', async () => {
    await world.ok('CreateAccountAlias', { AccountAlias: 'abc' });
    await world.ok('CreateAccountAlias', { AccountAlias: 'a'.repeat(63) });
    expect((await world.fails('CreateAccountAlias', { AccountAlias: 'ab' })).message).toContain('Member must have length greater than or equal to 3');
    expect((await world.fails('CreateAccountAlias', { AccountAlias: 'a'.repeat(64) })).message).toContain('Member must have length less than or equal to 63');
  });
});

describe('DeleteAccountAlias (IAM API Reference)', () => {
  it('deletes the account’s alias by name; NoSuchEntity when the account does not hold it', async () => {
    const absent = await world.fails('DeleteAccountAlias', { AccountAlias: 'example-corp' });
    expect([absent.code, absent.message]).toEqual(['NoSuchEntity', 'The account alias example-corp cannot be found.']);
    await world.ok('CreateAccountAlias', { AccountAlias: 'theirs' }, rootOf(OTHER_ACCOUNT));
    await world.ok('CreateAccountAlias', { AccountAlias: 'mine' });
    expect((await world.fails('DeleteAccountAlias', { AccountAlias: 'theirs' })).code).toBe('NoSuchEntity');
    await world.ok('DeleteAccountAlias', { AccountAlias: 'mine' });
    expect((await aliases())['AccountAliases']).toEqual([]);
    expect((await aliases(OTHER_ACCOUNT))['AccountAliases']).toEqual(['theirs']);
  });
});

describe('Account alias actions need iam:CreateAccountAlias / iam:DeleteAccountAlias / iam:ListAccountAliases on * (Service Authorization Reference, IAM)', () => {
  it('a user without them is refused; with them, allowed', async () => {
    const nobody = await world.user(ACCOUNT, 'nobody', []);
    for (const [op, input] of [
      ['CreateAccountAlias', { AccountAlias: 'x-corp' }],
      ['DeleteAccountAlias', { AccountAlias: 'x-corp' }],
      ['ListAccountAliases', {}],
    ] as const) {
      const err = await world.fails(op, input, nobody);
      expect(err.code).toBe('AccessDenied');
      expect(err.message).toContain(`iam:${op} on resource: *`);
    }
    const admin = await world.user(ACCOUNT, 'admin', [
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:CreateAccountAlias', 'iam:ListAccountAliases'], Resource: '*' }] },
    ]);
    await world.ok('CreateAccountAlias', { AccountAlias: 'x-corp' }, admin);
    expect((await world.ok('ListAccountAliases', {}, admin))['AccountAliases']).toEqual(['x-corp']);
  });
});
