import { describe, expect, it } from 'vitest';
import { admitPod, DEFAULT_CONTAINER_CREDENTIALS, readServiceAccountConfig, type AdmitPodDeps, type ServiceAccountLookupResult } from './index.ts';

const ROLE = 'arn:aws:iam::111122223333:role/app';

function deps(result: ServiceAccountLookupResult): AdmitPodDeps {
  return {
    settings: { annotationPrefix: 'eks.amazonaws.com', mountPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount', region: '', containerCredentials: DEFAULT_CONTAINER_CREDENTIALS },
    serviceAccounts: { lookup: async () => result },
    containerCredentials: () => undefined,
    trust: undefined,
    randomInt: () => 0,
  };
}

const withRole: ServiceAccountLookupResult = {
  lookup: { found: true, config: readServiceAccountConfig({ 'eks.amazonaws.com/role-arn': ROLE }, 'eks.amazonaws.com', { audience: 'sts.amazonaws.com', regionalSts: false, tokenExpiration: 86400 }) },
  source: 'cache',
};

function request(pod: Record<string, unknown>) {
  return { uid: 'u', namespace: 'team', name: '', operation: 'CREATE', dryRun: false, object: pod };
}

describe('podiam accounting of pods admitted without credentials (beyond upstream)', () => {
  it('reports a pod whose token volume name is taken, and admits it unpatched as upstream does', async () => {
    const pod = { metadata: { name: 'p' }, spec: { serviceAccountName: 'app', containers: [{ name: 'c' }], volumes: [{ name: 'aws-iam-token', emptyDir: {} }] } };
    const decision = await admitPod(request(pod), deps(withRole));
    expect(decision.response).toEqual({ allowed: true });
    expect(decision.report).toMatchObject({ result: 'unmutated', unmutatedReason: 'token-volume-conflict', roleArn: ROLE });
    expect(decision.report.message).toContain('EmptyDir');
  });

  it('reports a pod whose every container is skipped (the volume is still added, as upstream does)', async () => {
    const pod = { metadata: { name: 'p', annotations: { 'eks.amazonaws.com/skip-containers': 'a,b' } }, spec: { serviceAccountName: 'app', containers: [{ name: 'a' }, { name: 'b' }] } };
    const decision = await admitPod(request(pod), deps(withRole));
    expect(decision.response.patchType).toBe('JSONPatch');
    expect(decision.report).toMatchObject({ result: 'mutated', unmutatedReason: 'no-container-configured' });
  });

  it('tells a failed lookup from a missing ServiceAccount', async () => {
    const pod = { metadata: { name: 'p' }, spec: { serviceAccountName: 'app', containers: [{ name: 'c' }] } };
    const failed = await admitPod(request(pod), deps({ lookup: { found: false }, source: 'error', error: 'timeout' }));
    expect(failed.report).toMatchObject({ result: 'unmutated', unmutatedReason: 'service-account-lookup-failed', lookupError: 'timeout' });
    const missing = await admitPod(request(pod), deps({ lookup: { found: false }, source: 'not-found' }));
    expect(missing.report).toMatchObject({ result: 'unmutated', unmutatedReason: 'service-account-not-found' });
  });

  it('runs the trust check with the token claims and reports a check that does not answer', async () => {
    const seen: unknown[] = [];
    const d: AdmitPodDeps = {
      ...deps(withRole),
      trust: {
        check: (roleArn, claims) => {
          seen.push({ roleArn, claims });
          return new Promise(() => undefined);
        },
        issuer: 'https://oidc.example',
        deny: true,
        timeoutMs: 20,
      },
    };
    const decision = await admitPod(request({ metadata: { name: 'p' }, spec: { serviceAccountName: 'app', containers: [{ name: 'c' }] } }), d);
    expect(seen).toEqual([{ roleArn: ROLE, claims: { issuer: 'https://oidc.example', sub: 'system:serviceaccount:team:app', aud: 'sts.amazonaws.com' } }]);
    expect(decision.response.allowed).toBe(true);
    expect(decision.report.trust).toEqual({ result: 'error', reason: 'no answer within 20 ms' });
  });
});
