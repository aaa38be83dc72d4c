// IAM User Guide, "AWS JSON policy elements: Principal" (IAM role principals, IAM user principals): a
// role or user ARN in the Principal element of a role trust policy or an S3 bucket policy is transformed
// into the entity's unique principal ID when the policy is saved. Deleting the entity breaks the
// relationship, even when a role or user is recreated under the same name (it has a new ID), and the
// policy then shows the old unique ID (AIDA…, AROA…) in place of the ARN. `podiam serve` in its own
// process, the AWS CLI as the only client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws, type CliResult } from './support/aws-cli.ts';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';

const ACCOUNT = '123456789012';
let podiam: PodiamProcess;
let scratch: string;

interface Keys {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly SessionToken?: string;
}

function ok(result: CliResult): unknown {
  if (result.status !== 0) throw new Error(`aws failed (${result.status}): ${result.stderr}`);
  return result.json;
}

const admin = (args: string[], input?: string) => ok(aws(args, podiam.env, input));
const as = (keys: Keys, args: string[]) =>
  aws(args, { ...podiam.env, AWS_ACCESS_KEY_ID: keys.AccessKeyId, AWS_SECRET_ACCESS_KEY: keys.SecretAccessKey, AWS_SESSION_TOKEN: keys.SessionToken ?? '' });

/** A user with keys, allowed to assume roles by its own policy. */
function createUser(name: string): { userId: string; keys: Keys } {
  const user = admin(['iam', 'create-user', '--user-name', name]) as { User: { UserId: string } };
  admin(['iam', 'put-user-policy', '--user-name', name, '--policy-name', 'assume', '--policy-document', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] })]);
  const key = admin(['iam', 'create-access-key', '--user-name', name]) as { AccessKey: Keys };
  return { userId: user.User.UserId, keys: key.AccessKey };
}

function deleteUser(name: string, keys: Keys): void {
  admin(['iam', 'delete-access-key', '--user-name', name, '--access-key-id', keys.AccessKeyId]);
  admin(['iam', 'delete-user-policy', '--user-name', name, '--policy-name', 'assume']);
  admin(['iam', 'delete-user', '--user-name', name]);
}

const trustOf = (principal: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }] });

function errorCode(result: CliResult): string {
  return /An error occurred \(([^)]+)\)/.exec(result.stderr)?.[1] ?? `status ${result.status}: ${result.stderr}`;
}

beforeAll(async () => {
  podiam = await startPodiam({ accountId: ACCOUNT });
  scratch = mkdtempSync(join(tmpdir(), 'podiam-principal-id-'));
}, 60_000);

afterAll(async () => {
  await podiam?.stop();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

describe('IAM User Guide, "AWS JSON policy elements: Principal": deleting and recreating a principal breaks the policies that name it', () => {
  it('role trust policy: a user U deleted and recreated with new keys can no longer assume B, and get-role shows the old AIDA ID', () => {
    const userArn = `arn:aws:iam::${ACCOUNT}:user/U`;
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/B`;
    const first = createUser('U');
    admin(['iam', 'create-role', '--role-name', 'B', '--assume-role-policy-document', trustOf(userArn)]);
    const before = admin(['iam', 'get-role', '--role-name', 'B']) as { Role: { AssumeRolePolicyDocument: { Statement: { Principal: { AWS: string } }[] } } };
    expect(before.Role.AssumeRolePolicyDocument.Statement[0]?.Principal.AWS).toBe(userArn);
    const assumed = as(first.keys, ['sts', 'assume-role', '--role-arn', roleArn, '--role-session-name', 's1']);
    expect(assumed.status, assumed.stderr).toBe(0);

    deleteUser('U', first.keys);
    const second = createUser('U');
    expect(second.userId).not.toBe(first.userId);
    const refused = as(second.keys, ['sts', 'assume-role', '--role-arn', roleArn, '--role-session-name', 's2']);
    expect(errorCode(refused)).toBe('AccessDenied');

    const after = admin(['iam', 'get-role', '--role-name', 'B']) as { Role: { AssumeRolePolicyDocument: { Statement: { Principal: { AWS: string } }[] } } };
    expect(after.Role.AssumeRolePolicyDocument.Statement[0]?.Principal.AWS).toBe(first.userId);
    expect(first.userId).toMatch(/^AIDA/);
  }, 120_000);

  it('bucket policy: a role deleted and recreated under the same name is refused GetObject, and get-bucket-policy shows the old AROA ID', () => {
    const readerArn = `arn:aws:iam::${ACCOUNT}:role/Reader`;
    const trust = trustOf(`arn:aws:iam::${ACCOUNT}:root`);
    const reader = admin(['iam', 'create-role', '--role-name', 'Reader', '--assume-role-policy-document', trust]) as { Role: { RoleId: string } };
    admin(['s3api', 'create-bucket', '--bucket', 'unique-id-pics']);
    admin(['s3api', 'put-object', '--bucket', 'unique-id-pics', '--key', 'cat.txt', '--body', join(import.meta.dirname, 'principal-unique-id.test.ts')]);
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: readerArn }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::unique-id-pics/*' }],
    };
    admin(['s3api', 'put-bucket-policy', '--bucket', 'unique-id-pics', '--policy', JSON.stringify(policy)]);

    const session = () => (admin(['sts', 'assume-role', '--role-arn', readerArn, '--role-session-name', 'reader']) as { Credentials: Keys }).Credentials;
    const get = (keys: Keys) => as(keys, ['s3api', 'get-object', '--bucket', 'unique-id-pics', '--key', 'cat.txt', join(scratch, 'cat.txt')]);
    const granted = get(session());
    expect(granted.status, granted.stderr).toBe(0);

    admin(['iam', 'delete-role', '--role-name', 'Reader']);
    const reborn = admin(['iam', 'create-role', '--role-name', 'Reader', '--assume-role-policy-document', trust]) as { Role: { RoleId: string } };
    expect(reborn.Role.RoleId).not.toBe(reader.Role.RoleId);
    expect(errorCode(get(session()))).toBe('AccessDenied');

    const shown = admin(['s3api', 'get-bucket-policy', '--bucket', 'unique-id-pics']) as { Policy: string };
    const document = JSON.parse(shown.Policy) as { Statement: { Principal: { AWS: string } }[] };
    expect(document.Statement[0]?.Principal.AWS).toBe(reader.Role.RoleId);
    expect(reader.Role.RoleId).toMatch(/^AROA/);
  }, 120_000);
});
