// iamTrustCheck against an in-process podiam (the full composition): the role's trust policy and the
// account's OIDC provider read through IAM's API with a least-privilege identity, decided by the policy
// engine; roles in another account than the webhook's credentials (cross-account IRSA) are not readable
// with GetRole, and the check says so instead of judging them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeServer } from '../../cli/compose.ts';
import { parseServeConfig, startServer, type RunningServer } from '../../server/index.ts';
import { StsWorld } from '../../../test/e2e/support/sts-world.ts';
import { iamTrustCheck } from './iam-trust-check.ts';
import type { TrustCheck } from './trust-check.ts';

const DEV = '111122223333';
const ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const PROVIDER = ISSUER.slice('https://'.length);
const claims = (sa: string) => ({ issuer: ISSUER, sub: `system:serviceaccount:default:${sa}`, aud: 'sts.amazonaws.com' });

let server: RunningServer;
let dataDir: string;
let check: TrustCheck;
let shared: string;
const saved = { ...process.env };

function trust(account: string, sa: string) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${PROVIDER}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${PROVIDER}:sub`]: `system:serviceaccount:default:${sa}`, [`${PROVIDER}:aud`]: 'sts.amazonaws.com' } },
      },
    ],
  };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'podiam-trust-check-'));
  const config = parseServeConfig({ listen: '127.0.0.1:0', dataDir, accountId: DEV, logLevel: 'silent' });
  if (!config.ok) throw new Error(config.messages.join('; '));
  server = await startServer(config.config, composeServer(), pino({ level: 'silent' }));
  const world = new StsWorld({ url: server.url, accountId: DEV, ...server.admin });
  const member = await world.memberAccount('shared_content');
  shared = member.accountId;
  await Promise.all([world.oidcProvider(world.management, ISSUER, ['sts.amazonaws.com']), world.oidcProvider(member, ISSUER, ['sts.amazonaws.com'])]);
  await Promise.all([
    world.role(world.management, 'pod-creator', trust(DEV, 'svc-test')),
    // A namesake of shared_content's role in the webhook's own account, trusting another ServiceAccount.
    world.role(world.management, 's3-read-object', trust(DEV, 'someone-else')),
    world.role(member, 's3-read-object', trust(shared, 's3-shared-content')),
    world.role(member, 'S3_Pics', trust(shared, 's3-pics')),
  ]);
  // The webhook's identity: reads roles and providers, nothing else (credentials from the default chain).
  const reader = await world.user(world.management, 'pod-identity-webhook', {
    'trust-check': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:GetRole', 'iam:GetOpenIDConnectProvider'], Resource: '*' }] },
  });
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: reader.keys.accessKeyId, AWS_SECRET_ACCESS_KEY: reader.keys.secretAccessKey, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' });
  delete process.env['AWS_SESSION_TOKEN'];
  delete process.env['AWS_PROFILE'];
  check = iamTrustCheck(server.url, { region: 'us-east-1' });
});

afterAll(async () => {
  process.env = saved;
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('podiam trust check: would AssumeRoleWithWebIdentity admit the pod\'s token ("Create a role for OpenID Connect federation")', () => {
  it('admits the ServiceAccount the role\'s :sub condition names', async () => {
    await expect(check(`arn:aws:iam::${DEV}:role/pod-creator`, claims('svc-test'))).resolves.toEqual({ ok: true });
  });

  it('refuses another ServiceAccount, naming the subject and audience', async () => {
    const verdict = await check(`arn:aws:iam::${DEV}:role/pod-creator`, claims('intruder'));
    expect(verdict.ok).toBe(false);
    expect(verdict.ok === false && verdict.reason).toContain(`the trust policy of arn:aws:iam::${DEV}:role/pod-creator would refuse system:serviceaccount:default:intruder (aud sts.amazonaws.com)`);
  });

  it('refuses a role that does not exist in the webhook\'s own account', async () => {
    await expect(check(`arn:aws:iam::${DEV}:role/nosuch`, claims('svc-test'))).resolves.toEqual({ ok: false, reason: `role arn:aws:iam::${DEV}:role/nosuch does not exist` });
  });

  it('refuses when the role\'s account has no provider for the issuer', async () => {
    const verdict = await check(`arn:aws:iam::${DEV}:role/pod-creator`, { ...claims('svc-test'), issuer: 'https://oidc.example.com/other' });
    expect(verdict).toEqual({ ok: false, reason: `no IAM OIDC provider for https://oidc.example.com/other in account ${DEV}` });
  });
});

describe('roles in another account (cross-account IRSA): GetRole reads only the caller\'s account (IAM API Reference, "GetRole")', () => {
  it('does not judge a role it cannot read: the check errs with the reason, which the webhook logs without warning', async () => {
    await expect(check(`arn:aws:iam::${shared}:role/S3_Pics`, claims('s3-pics'))).rejects.toThrow(`cannot check arn:aws:iam::${shared}:role/S3_Pics: the webhook's IAM credentials are for account ${DEV}`);
  });

  it('does not judge another account\'s role by a namesake in the webhook\'s own account', async () => {
    await expect(check(`arn:aws:iam::${shared}:role/s3-read-object`, claims('s3-shared-content'))).rejects.toThrow(`cannot check arn:aws:iam::${shared}:role/s3-read-object: the webhook's IAM credentials are for account ${DEV}`);
  });
});
