// Acceptance audit of the wire contract with real clients: where podiam differed from AWS's documented
// behaviour for SigV4 credential scopes and credentials (STS API Reference, "Common Errors"; AWS General
// Reference, "Signature Version 4 signing process").
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, ListRolesCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws } from './support/aws-cli.ts';
import { startPodiam, type PodiamProcess } from './support/podiam-process.ts';

let podiam: PodiamProcess;
beforeAll(async () => {
  podiam = await startPodiam();
});
afterAll(async () => {
  await podiam.stop();
});

const sts = (region: string, sessionToken?: string) =>
  new STSClient({
    endpoint: podiam.url,
    region,
    credentials: { accessKeyId: podiam.accessKeyId, secretAccessKey: podiam.secretAccessKey, ...(sessionToken !== undefined ? { sessionToken } : {}) },
  });

async function failure(client: STSClient): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await client.send(new GetCallerIdentityCommand({}));
    return { name: 'none', status: 200, message: '' };
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message };
  }
}

describe('SigV4 credential scope names a valid region (Signature Version 4: credential scope)', () => {
  it('accepts a request signed for any AWS Region, since one endpoint serves them all', async () => {
    const out = await sts('eu-west-1').send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe(podiam.accountId);
  });

  it("refuses a scope naming something that is not a region: SignatureDoesNotMatch, 403, \"Credential should be scoped to a valid region, not 'X'.\"", async () => {
    expect(await failure(sts('xx-nowhere-9'))).toEqual({
      name: 'SignatureDoesNotMatch',
      status: 403,
      message: "Credential should be scoped to a valid region, not 'xx-nowhere-9'.",
    });
  });
});

describe('a session token is part of temporary credentials only (Common Errors: InvalidClientTokenId)', () => {
  it('refuses long-term keys sent with a session token (a stale AWS_SESSION_TOKEN), with the SDK', async () => {
    expect(await failure(sts('us-east-1', 'FwoGZXIvYXdzEBYaDstale'))).toEqual({
      name: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
    });
  });

  it('refuses them with the AWS CLI too', () => {
    const out = aws(['sts', 'get-caller-identity'], { ...podiam.env, AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEBYaDstale' });
    expect(out.status).not.toBe(0);
    expect(out.stderr).toContain('(InvalidClientTokenId)');
  });
});

// STS API Reference, "GetSessionToken": "You cannot call any IAM API operations unless MFA authentication
// information is included in the request" — IAM answers InvalidClientTokenId; other services accept them.
describe('GetSessionToken credentials cannot call IAM without MFA (STS API Reference, GetSessionToken)', () => {
  it('IAM refuses them with InvalidClientTokenId, while STS GetCallerIdentity accepts them', async () => {
    const admin = new IAMClient({ endpoint: podiam.url, region: 'us-east-1', credentials: { accessKeyId: podiam.accessKeyId, secretAccessKey: podiam.secretAccessKey } });
    await admin.send(new CreateUserCommand({ UserName: 'gst-user' }));
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }] };
    await admin.send(new PutUserPolicyCommand({ UserName: 'gst-user', PolicyName: 'list', PolicyDocument: JSON.stringify(policy) }));
    const key = (await admin.send(new CreateAccessKeyCommand({ UserName: 'gst-user' }))).AccessKey;
    const userKeys = { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' };
    const longTerm = new IAMClient({ endpoint: podiam.url, region: 'us-east-1', credentials: userKeys });
    expect((await longTerm.send(new ListRolesCommand({}))).Roles).toBeDefined();

    const session = (await new STSClient({ endpoint: podiam.url, region: 'us-east-1', credentials: userKeys }).send(new GetSessionTokenCommand({}))).Credentials;
    const sessionKeys = { accessKeyId: session?.AccessKeyId ?? '', secretAccessKey: session?.SecretAccessKey ?? '', sessionToken: session?.SessionToken ?? '' };
    const identity = await new STSClient({ endpoint: podiam.url, region: 'us-east-1', credentials: sessionKeys }).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:iam::${podiam.accountId}:user/gst-user`);
    const refused = await new IAMClient({ endpoint: podiam.url, region: 'us-east-1', credentials: sessionKeys }).send(new ListRolesCommand({})).then(
      () => undefined,
      (e: { name: string; $metadata?: { httpStatusCode?: number } }) => [e.name, e.$metadata?.httpStatusCode],
    );
    expect(refused).toEqual(['InvalidClientTokenId', 403]);
  });
});
