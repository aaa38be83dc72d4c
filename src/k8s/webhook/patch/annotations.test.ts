import { describe, expect, it } from 'vitest';
import {
  decidePodMutation,
  DEFAULT_CONTAINER_CREDENTIALS,
  floorTokenExpiration,
  goJoin,
  jitterDefaultTokenExpiration,
  parseContainerCredentialsConfig,
  parseGoBool,
  parseGoInt64,
  parseSkipContainers,
  readPodAnnotations,
  readServiceAccountConfig,
  type MutationSettings,
  type Pod,
} from './index.ts';

const defaults = { audience: 'sts.amazonaws.com', regionalSts: false, tokenExpiration: 86400 };

describe('upstream annotation parsing (strconv.ParseBool / ParseInt)', () => {
  it('accepts exactly the strings Go accepts for booleans', () => {
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True']) expect(parseGoBool(t)).toBe(true);
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) expect(parseGoBool(f)).toBe(false);
    for (const bad of ['yes', 'tRUE', ' true', '']) expect(parseGoBool(bad)).toBeUndefined();
  });

  it('reads base-10 int64 with an optional sign, refusing spaces, decimals and overflow', () => {
    expect(parseGoInt64('+3600')).toBe(3600);
    expect(parseGoInt64('-5')).toBe(-5);
    expect(parseGoInt64('9223372036854775807')).toBe(Number(9223372036854775807n));
    for (const bad of ['9223372036854775808', '1.5', ' 10', '0x10', '']) expect(parseGoInt64(bad)).toBeUndefined();
  });
});

describe('ServiceAccount annotations (eks.amazonaws.com/role-arn, audience, sts-regional-endpoints, token-expiration)', () => {
  it('lets annotations override the flags and floors the lifetime at 600 seconds', () => {
    const sa = readServiceAccountConfig(
      {
        'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/s3-reader',
        'eks.amazonaws.com/audience': 'other',
        'eks.amazonaws.com/sts-regional-endpoints': 'true',
        'eks.amazonaws.com/token-expiration': '10',
      },
      'eks.amazonaws.com',
      defaults,
    );
    expect(sa).toMatchObject({ roleArn: 'arn:aws:iam::111122223333:role/s3-reader', roleArnWellFormed: true, audience: 'other', useRegionalSts: true, tokenExpiration: 600 });
  });

  it('keeps the flag value when an annotation is unreadable, and reports it', () => {
    const sa = readServiceAccountConfig(
      { 'eks.amazonaws.com/sts-regional-endpoints': 'yes', 'eks.amazonaws.com/token-expiration': '1h' },
      'eks.amazonaws.com',
      { ...defaults, regionalSts: true },
    );
    expect(sa.useRegionalSts).toBe(true);
    expect(sa.tokenExpiration).toBe(86400);
    expect(sa.ignored).toEqual(['eks.amazonaws.com/sts-regional-endpoints', 'eks.amazonaws.com/token-expiration']);
  });

  it('reads annotations under --annotation-prefix only', () => {
    const sa = readServiceAccountConfig({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/a', 'irsa/role-arn': 'arn:aws:iam::111122223333:role/b' }, 'irsa', defaults);
    expect(sa.roleArn).toBe('arn:aws:iam::111122223333:role/b');
  });

  it('flags a role ARN that does not look like one (upstream only warns and still uses it)', () => {
    expect(readServiceAccountConfig({ 'eks.amazonaws.com/role-arn': 's3-reader' }, 'eks.amazonaws.com', defaults)).toMatchObject({ roleArn: 's3-reader', roleArnWellFormed: false });
    expect(readServiceAccountConfig({ 'eks.amazonaws.com/role-arn': 'arn:aws-us-gov:iam::111122223333:role/path/x@y' }, 'eks.amazonaws.com', defaults).roleArnWellFormed).toBe(true);
  });
});

describe('pod annotations (eks.amazonaws.com/skip-containers, token-expiration)', () => {
  it('reads skip-containers as Go encoding/csv reads the first record', () => {
    expect(parseSkipContainers('init-first,sidecar')).toEqual(['init-first', 'sidecar']);
    expect(parseSkipContainers('"a,b",c')).toEqual(['a,b', 'c']);
    expect(parseSkipContainers('a, b')).toEqual(['a', ' b']);
    expect(parseSkipContainers('\n\nsidecar\nother')).toEqual(['sidecar']);
    expect(parseSkipContainers('')).toBeUndefined();
    expect(parseSkipContainers('a"b')).toBeUndefined();
    expect(parseSkipContainers('"a"b')).toBeUndefined();
    expect(parseSkipContainers('"unterminated')).toBeUndefined();
  });

  it('skips no container when the annotation cannot be read', () => {
    expect([...readPodAnnotations({ 'eks.amazonaws.com/skip-containers': 'x"y' }, 'eks.amazonaws.com', parseSkipContainers).containersToSkip]).toEqual([]);
  });

  it('floors a pod token-expiration and ignores an unreadable one', () => {
    expect(readPodAnnotations({ 'eks.amazonaws.com/token-expiration': '-1' }, 'eks.amazonaws.com', parseSkipContainers).tokenExpiration).toBe(600);
    expect(readPodAnnotations({ 'eks.amazonaws.com/token-expiration': 'soon' }, 'eks.amazonaws.com', parseSkipContainers).tokenExpiration).toBeUndefined();
  });
});

describe('token lifetimes (pkg/constants.go)', () => {
  it('raises values below 600 to 600', () => {
    expect(floorTokenExpiration(599)).toBe(600);
    expect(floorTokenExpiration(601)).toBe(601);
  });

  it('jitters only the 86400 default, into [79200, 86400]', () => {
    expect(jitterDefaultTokenExpiration(86400, () => 0)).toBe(79200);
    expect(jitterDefaultTokenExpiration(86400, (bound) => bound - 1)).toBe(86400);
    expect(jitterDefaultTokenExpiration(3600, () => 5)).toBe(3600);
  });
});

describe('container-credentials config file (--watch-container-credentials-config)', () => {
  it('lists identities; empty text lists none; fields match case-insensitively like encoding/json', () => {
    const parsed = parseContainerCredentialsConfig('{"identities":[{"namespace":"ns","serviceAccount":"sa"},{"Namespace":"b","ServiceAccount":"c","workloadIdentity":true}]}');
    expect(parsed.ok && [...parsed.identities.entries]).toEqual([['ns/sa', false], ['b/c', true]]);
    const empty = parseContainerCredentialsConfig('');
    expect(empty.ok && empty.identities.entries.size).toBe(0);
  });

  it('refuses text that is not the config JSON', () => {
    expect(parseContainerCredentialsConfig('bad json').ok).toBe(false);
    expect(parseContainerCredentialsConfig('{"identities":[{"namespace":1}]}').ok).toBe(false);
    expect(parseContainerCredentialsConfig('{"identities":[{"namespace":"a","serviceAccount":"b","workloadIdentity":"yes"}]}').ok).toBe(false);
  });
});

describe('token file path (filepath.Join)', () => {
  it('cleans the joined path as Go does', () => {
    expect(goJoin('/var/run/secrets/eks.amazonaws.com/serviceaccount/', 'token')).toBe('/var/run/secrets/eks.amazonaws.com/serviceaccount/token');
    expect(goJoin('/a//b/../c', './token')).toBe('/a/c/token');
    expect(goJoin('', 'token')).toBe('token');
    expect(goJoin('', '')).toBe('');
  });
});

describe('MutatePod decisions beyond the upstream scenarios', () => {
  const settings: MutationSettings = { annotationPrefix: 'eks.amazonaws.com', mountPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount', region: '', containerCredentials: DEFAULT_CONTAINER_CREDENTIALS };
  const pod: Pod = { metadata: { name: 'p', labels: { app: 'x' } }, spec: { serviceAccountName: 'sa', containers: [{ name: 'c', image: 'i' }] } };
  const sa = (annotations: Record<string, string>) => ({ found: true as const, config: readServiceAccountConfig(annotations, 'eks.amazonaws.com', defaults) });

  it('does not mutate a pod whose ServiceAccount names no role, or is unknown', () => {
    expect(decidePodMutation({ pod, serviceAccount: sa({}), containerCredentialsListed: false, settings, randomInt: () => 0 })).toEqual({ kind: 'not-mutated', reason: 'no-role' });
    expect(decidePodMutation({ pod, serviceAccount: { found: false }, containerCredentialsListed: false, settings, randomInt: () => 0 })).toEqual({ kind: 'not-mutated', reason: 'service-account-not-found' });
  });

  it('adds the pod-identity label into existing labels with an escaped pointer, defaults from the flags', () => {
    const m = decidePodMutation({ pod, serviceAccount: { found: false }, containerCredentialsListed: true, settings, randomInt: () => 7 });
    if (m.kind !== 'patched') throw new Error(m.kind);
    expect(m.operations[0]).toEqual({ op: 'add', path: '/metadata/labels/eks.amazonaws.com~1pod-identity', value: 'enabled' });
    expect(m.operations[1]).toEqual({
      op: 'add',
      path: '/spec/volumes',
      value: [{ name: 'eks-pod-identity-token', projected: { sources: [{ serviceAccountToken: { audience: 'pods.eks.amazonaws.com', expirationSeconds: 79207, path: 'eks-pod-identity-token' } }] } }],
    });
    const container = (m.operations[2]?.value as any[])[0];
    expect(container.env).toEqual([
      { name: 'AWS_CONTAINER_CREDENTIALS_FULL_URI', value: 'http://169.254.170.23/v1/credentials' },
      { name: 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', value: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token' },
    ]);
  });

  it('leaves a container that already has every variable exactly as it was (no mount added), but still patches', () => {
    const full: Pod = {
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'c', env: [{ name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: '/x' }, { name: 'AWS_DEFAULT_REGION', value: 'eu-west-1' }, { name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'legacy' }] }],
      },
    };
    const m = decidePodMutation({ pod: full, serviceAccount: sa({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/r' }), containerCredentialsListed: false, settings: { ...settings, region: 'us-east-1' }, randomInt: () => 0 });
    if (m.kind !== 'patched') throw new Error(m.kind);
    expect((m.operations[1]?.value as any[])[0].volumeMounts).toBeUndefined();
    expect(m.changed).toBe(true); // the volume is still added
  });
});
