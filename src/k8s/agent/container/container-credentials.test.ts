import { describe, expect, it } from 'vitest';
import { CredentialCache } from '../credentials/credential-cache.ts';
import { DEFAULT_LIFETIME_POLICY } from '../credentials/lifetime-policy.ts';
import { PodCredentials } from '../credentials/pod-credentials.ts';
import type { AgentResponse } from '../http/agent-request.ts';
import { PodIndex } from '../pods/pod-index.ts';
import { podView } from '../pods/pod-view.ts';
import { NamespaceRoles } from '../roles/namespace-roles.ts';
import { PodRoles } from '../roles/pod-roles.ts';
import type { RoleRules } from '../roles/role-rules.ts';
import { ServiceAccountRoles } from '../roles/service-account-roles.ts';
import { FakeClock } from '../testing/fake-clock.ts';
import { podObject, type PodSpecOptions } from '../testing/pod-objects.ts';
import { ScriptedAssumer, stsFailure } from '../testing/scripted-assumer.ts';
import { createContainerCredentialsHandler } from './container-credentials-handler.ts';
import { TokenReviewVerifier, type TokenReviewStatus } from './service-account-token.ts';

const AUDIENCE = 'pods.eks.amazonaws.com';

function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'k' })}.${part(claims)}.c2lnbmF0dXJl`;
}

function boundStatus(namespace: string, sa: string, podName: string, podUid: string): TokenReviewStatus {
  return {
    authenticated: true,
    audiences: [AUDIENCE],
    user: { username: `system:serviceaccount:${namespace}:${sa}`, extra: { 'authentication.kubernetes.io/pod-name': [podName], 'authentication.kubernetes.io/pod-uid': [podUid] } },
  };
}

describe('TokenReview verification of projected service-account tokens', () => {
  it('reads the service account and the bound pod, and caches the verdict per token', async () => {
    let reviews = 0;
    const verifier = new TokenReviewVerifier({
      audience: AUDIENCE,
      review: async (_t, audiences) => {
        reviews++;
        expect(audiences).toEqual([AUDIENCE]);
        return boundStatus('team-a', 'app', 'web-0', 'uid-1');
      },
    });
    const token = jwt({ exp: Math.floor(Date.now() / 1000) + 3600 });
    const verdicts = await Promise.all([verifier.verify(token), verifier.verify(token), verifier.verify(token)]);
    expect(verdicts[0]).toEqual({ ok: true, identity: { namespace: 'team-a', serviceAccount: 'app', podName: 'web-0', podUid: 'uid-1' } });
    await verifier.verify(token);
    expect(reviews).toBe(1);
  });

  it('refuses unauthenticated tokens, other audiences, non-service-account users and unbound tokens', async () => {
    const cases: [TokenReviewStatus, string][] = [
      [{ authenticated: false, error: 'token expired' }, 'token expired'],
      [{ ...boundStatus('a', 'b', 'c', 'd'), audiences: ['sts.amazonaws.com'] }, 'audience'],
      [{ authenticated: true, audiences: [AUDIENCE], user: { username: 'alice' } }, 'not a service-account'],
      [{ authenticated: true, audiences: [AUDIENCE], user: { username: 'system:serviceaccount:a:b' } }, 'not bound to a pod'],
    ];
    for (const [status, reason] of cases) {
      const verdict = await new TokenReviewVerifier({ audience: AUDIENCE, review: async () => status }).verify(jwt({}));
      expect(verdict.ok).toBe(false);
      expect(!verdict.ok && verdict.status).toBe(401);
      expect(!verdict.ok && verdict.reason).toContain(reason);
    }
  });

  it('a token that is not a JWT is 400 without asking the API server; an API server error is 503 and not cached', async () => {
    let reviews = 0;
    const verifier = new TokenReviewVerifier({
      audience: AUDIENCE,
      review: async () => {
        reviews++;
        throw new Error('connection refused');
      },
    });
    expect(await verifier.verify('not a token')).toMatchObject({ ok: false, status: 400 });
    expect(reviews).toBe(0);
    const token = jwt({});
    expect(await verifier.verify(token)).toMatchObject({ ok: false, status: 503 });
    await verifier.verify(token);
    expect(reviews).toBe(2);
  });

  it('never keeps a verdict past the token\'s expiry', async () => {
    let now = 1_000_000_000_000;
    let reviews = 0;
    const verifier = new TokenReviewVerifier({ audience: AUDIENCE, now: () => now, review: async () => (reviews++, boundStatus('a', 'b', 'c', 'd')) });
    const token = jwt({ exp: now / 1000 + 10 });
    await verifier.verify(token);
    now += 11_000;
    await verifier.verify(token);
    expect(reviews).toBe(2);
  });
});

function fixture() {
  const clock = new FakeClock();
  const sts = new ScriptedAssumer(() => clock.now());
  const rules: RoleRules = {
    roleKey: 'iam.amazonaws.com/role',
    externalIdKey: 'iam.amazonaws.com/external-id',
    namespaceKey: 'iam.amazonaws.com/allowed-roles',
    serviceAccountRoleKey: 'eks.amazonaws.com/role-arn',
    baseRoleArn: undefined,
    defaultRole: undefined,
    namespaceRestrictions: true,
    restrictionFormat: 'glob',
  };
  const namespaces = new NamespaceRoles(rules);
  namespaces.upsert('team-a', { 'iam.amazonaws.com/allowed-roles': '["arn:aws:iam::123456789012:role/app-*"]' });
  const serviceAccounts = new ServiceAccountRoles(rules.serviceAccountRoleKey);
  const pods = new PodIndex();
  const tokens = new Map<string, TokenReviewStatus>();
  const handler = createContainerCredentialsHandler({
    pods,
    roles: new PodRoles(rules, namespaces, serviceAccounts),
    credentials: new PodCredentials(new CredentialCache({ assumer: sts, clock, policy: DEFAULT_LIFETIME_POLICY }), 3600, 'node-a'),
    verifier: new TokenReviewVerifier({ audience: AUDIENCE, review: async (t) => tokens.get(t) ?? { authenticated: false } }),
    nodeName: 'node-a',
  });
  const addPod = (o: PodSpecOptions) => {
    const v = podView(podObject({ namespace: 'team-a', serviceAccount: 'app', containerCredentials: true, ...o }));
    if (v === undefined) throw new Error('pod');
    pods.upsert(v);
    const token = jwt({ sub: v.uid });
    tokens.set(token, boundStatus(v.namespace, v.serviceAccount, v.name, v.uid));
    return { pod: v, token };
  };
  const call = async (token: string | undefined, clientIp = '127.0.0.1', method = 'GET'): Promise<AgentResponse> =>
    handler({ method, target: '/v1/credentials', headers: token === undefined ? {} : { authorization: token }, clientIp });
  return { clock, sts, serviceAccounts, pods, addPod, call };
}

const json = (r: AgentResponse) => JSON.parse(r.body.toString()) as Record<string, string>;

describe('Container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE)', () => {
  it('answers AccessKeyId, SecretAccessKey, Token, AccountId, Expiration for the service account\'s role', async () => {
    const f = fixture();
    f.serviceAccounts.upsert('team-a', 'app', { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/app-reader' });
    const { token } = f.addPod({ name: 'web-0', ip: '10.0.0.5' });
    const r = await f.call(token);
    expect(r.status).toBe(200);
    const doc = json(r);
    expect(Object.keys(doc).sort()).toEqual(['AccessKeyId', 'AccountId', 'Expiration', 'SecretAccessKey', 'Token']);
    expect(doc.AccountId).toBe('123456789012');
    expect(doc.Expiration).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(f.sts.calls[0]).toMatchObject({ sessionName: 'team-a.web-0' });
    expect(f.sts.calls[0]?.tags).toContainEqual({ Key: 'kubernetes-service-account', Value: 'app' });
  });

  it('the identity comes from the token, not the source IP', async () => {
    const f = fixture();
    f.serviceAccounts.upsert('team-a', 'app', { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/app-reader' });
    const a = f.addPod({ name: 'a', ip: '10.0.0.5' });
    f.addPod({ name: 'b', ip: '10.0.0.6' });
    expect((await f.call(a.token, '10.0.0.5')).status).toBe(200);
    expect((await f.call(a.token, '192.168.0.1')).status).toBe(200);
    expect((await f.call(a.token, '10.0.0.6')).status).toBe(403);
    expect(f.sts.calls.map((c) => c.sessionName)).toEqual(['team-a.a']);
  });

  // The EKS Pod Identity Agent answers 400 "Service account token cannot be empty" itself and relays
  // EKS Auth's InvalidTokenException (HTTP 400) for tokens that do not verify.
  it('400 without token or for a token the API server does not vouch for, 405 for other methods', async () => {
    const f = fixture();
    expect((await f.call(undefined)).status).toBe(400);
    expect((await f.call('')).status).toBe(400);
    expect((await f.call(jwt({ sub: 'forged' }))).status).toBe(400);
    expect((await f.call(jwt({}), '127.0.0.1', 'POST')).status).toBe(405);
  });

  // @aws-sdk/credential-provider-http reads `Code` and `Message` from a 4xx JSON body onto its error.
  it('errors are JSON {Code, Message}, with EKS Auth\'s exception names', async () => {
    const f = fixture();
    const empty = await f.call(undefined);
    expect(empty.headers['content-type']).toBe('application/json');
    expect(json(empty)).toEqual({ Code: 'InvalidTokenException', Message: 'Service account token cannot be empty' });
    expect(json(await f.call(jwt({ sub: 'forged' })))).toMatchObject({ Code: 'InvalidTokenException' });
    const noRole = f.addPod({ name: 'x', ip: '10.0.0.5' });
    expect(json(await f.call(noRole.token))).toMatchObject({ Code: 'ResourceNotFoundException' });
    f.serviceAccounts.upsert('team-a', 'app', { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/admin' });
    expect(json(await f.call(noRole.token))).toMatchObject({ Code: 'AccessDeniedException' });
  });

  it('404 for a pod that is gone, not running or on another node, or whose service account names no role', async () => {
    const f = fixture();
    const noRole = f.addPod({ name: 'x', ip: '10.0.0.5' });
    expect((await f.call(noRole.token)).status).toBe(404);
    f.serviceAccounts.upsert('team-a', 'app', { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/app-reader' });
    expect((await f.call(noRole.token)).status).toBe(200);
    f.pods.upsert({ ...noRole.pod, phase: 'Succeeded' });
    expect((await f.call(noRole.token)).status).toBe(404);
    const elsewhere = f.addPod({ name: 'y', ip: '10.0.0.7', node: 'node-b' });
    expect((await f.call(elsewhere.token)).status).toBe(404);
  });

  it('403 for a role the namespace does not allow, or that STS refuses', async () => {
    const f = fixture();
    f.serviceAccounts.upsert('team-a', 'app', { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/admin' });
    const p = f.addPod({ name: 'x', ip: '10.0.0.5' });
    expect((await f.call(p.token)).status).toBe(403);
    expect(f.sts.calls).toHaveLength(0);
    f.serviceAccounts.upsert('team-a', 'app', { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/app-x' });
    f.sts.script = () => stsFailure('denied', 'AccessDenied', 403);
    const r = await f.call(p.token);
    expect(r.status).toBe(403);
    expect(r.body.toString()).not.toContain('scripted');
  });
});
