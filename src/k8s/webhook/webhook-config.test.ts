import { describe, expect, it } from 'vitest';
import { parseGoDurationMs, parseWebhookConfig, WebhookConfigError } from './index.ts';

describe('amazon-eks-pod-identity-webhook flags (main.go) as podiam webhook reads them', () => {
  it("has upstream's defaults", () => {
    const c = parseWebhookConfig([], {});
    expect(c).toMatchObject({
      port: 443,
      metricsPort: 9999,
      tlsCertFile: '/etc/webhook/certs/tls.crt',
      tlsKeyFile: '/etc/webhook/certs/tls.key',
      annotationPrefix: 'eks.amazonaws.com',
      tokenAudience: 'sts.amazonaws.com',
      tokenMountPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount',
      tokenExpiration: 86400,
      awsDefaultRegion: '',
      stsRegionalEndpoint: false,
      serviceAccountLookupGraceMs: 100,
      containerCredentials: {
        audience: 'pods.eks.amazonaws.com',
        mountPath: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount',
        volumeName: 'eks-pod-identity-token',
        tokenPath: 'eks-pod-identity-token',
        fullUri: 'http://169.254.170.23/v1/credentials',
      },
    });
    expect(c.podiamEndpoint).toBeUndefined();
  });

  it('reads pflag syntax: --flag=value, --flag value, bare booleans, --bool=false', () => {
    const c = parseWebhookConfig(
      ['--annotation-prefix=irsa', '--token-audience', 'irsa', '--sts-regional-endpoint', '--deny-untrusted=false', '--token-expiration=100', '--service-account-lookup-grace-period=1.5s', '--container-credentials-full-uri', 'http://127.0.0.1:2703/v1/credentials'],
      {},
    );
    expect(c).toMatchObject({ annotationPrefix: 'irsa', tokenAudience: 'irsa', stsRegionalEndpoint: true, denyUntrusted: false, tokenExpiration: 600, serviceAccountLookupGraceMs: 1500 });
    expect(c.containerCredentials.fullUri).toBe('http://127.0.0.1:2703/v1/credentials');
  });

  it('takes the podiam endpoint from the flag, then AWS_ENDPOINT_URL_IAM, then AWS_ENDPOINT_URL', () => {
    expect(parseWebhookConfig([], { AWS_ENDPOINT_URL: 'http://b:1', AWS_ENDPOINT_URL_IAM: 'http://a:1' }).podiamEndpoint).toBe('http://a:1');
    expect(parseWebhookConfig([], { AWS_ENDPOINT_URL: 'http://b:1' }).podiamEndpoint).toBe('http://b:1');
    expect(parseWebhookConfig(['--podiam-endpoint=http://c:1'], { AWS_ENDPOINT_URL: 'http://b:1' }).podiamEndpoint).toBe('http://c:1');
  });

  it('accepts the in-cluster and klog flags upstream manifests pass, and lists them as ignored', () => {
    const c = parseWebhookConfig(['--in-cluster=false', '--namespace=default', '--service-name=pod-identity-webhook', '--logtostderr', '-v=4'], {});
    expect(c.ignoredFlags).toEqual(['namespace', 'service-name', 'logtostderr', 'v']);
  });

  it('refuses unknown flags, bad values and modes podiam does not implement, naming the flag', () => {
    const refused = (argv: string[], env: Record<string, string> = {}) => {
      try {
        parseWebhookConfig(argv, env);
      } catch (error) {
        expect(error).toBeInstanceOf(WebhookConfigError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused(['--bogus'])).toBe('unknown flag: --bogus');
    expect(refused(['--port=https'])).toMatch(/--port/);
    expect(refused(['--port=70000'])).toMatch(/--port must be 0-65535/);
    expect(refused(['--sts-regional-endpoint=yes'])).toMatch(/strconv.ParseBool/);
    expect(refused(['--service-account-lookup-grace-period=10'])).toMatch(/time: invalid duration "10"/);
    expect(refused(['--in-cluster'])).toMatch(/--in-cluster=true is not supported/);
    expect(refused(['--compose-role-arn'])).toMatch(/--compose-role-arn=true/);
    expect(refused(['--deny-untrusted'])).toMatch(/--deny-untrusted needs --podiam-endpoint/);
    expect(refused(['--token-audience'])).toBe('flag needs an argument: --token-audience');
  });
});

describe('Go time.ParseDuration', () => {
  it('reads Go durations in milliseconds', () => {
    expect(parseGoDurationMs('100ms')).toBe(100);
    expect(parseGoDurationMs('2m30s')).toBe(150_000);
    expect(parseGoDurationMs('1h')).toBe(3_600_000);
    expect(parseGoDurationMs('0')).toBe(0);
    expect(parseGoDurationMs('5')).toBeUndefined();
    expect(parseGoDurationMs('1d')).toBeUndefined();
  });
});
