import { describe, expect, it } from 'vitest';
import { cacheLifetimeSeconds, DEFAULT_CACHE_BOUNDS } from './cache-control.ts';
import { checkFetchUrl, discoveryUrlOf, isLoopbackHost, parseProviderUrl, providerUrlForIssuer } from './provider-url.ts';

describe('IAM OIDC provider URLs (IAM "Create an OpenID Connect (OIDC) identity provider in IAM")', () => {
  it('accepts the stored scheme-less form and expects an https issuer', () => {
    expect(parseProviderUrl('oidc.eks.us-east-1.amazonaws.com/id/ABC')).toEqual({
      ok: true,
      value: {
        keyPrefix: 'oidc.eks.us-east-1.amazonaws.com/id/ABC',
        acceptedIssuers: ['https://oidc.eks.us-east-1.amazonaws.com/id/ABC'],
        loopback: false,
      },
    });
  });

  it('accepts the https form and keeps the path (and any trailing slash) in the key prefix', () => {
    const parsed = parseProviderUrl('https://auth.example.com/');
    expect(parsed.ok && parsed.value.keyPrefix).toBe('auth.example.com/');
    expect(parsed.ok && parsed.value.acceptedIssuers).toEqual(['https://auth.example.com/']);
  });

  it('refuses http, explicit ports and queries on public hosts', () => {
    expect(parseProviderUrl('http://oidc.example.com').ok).toBe(false);
    expect(parseProviderUrl('oidc.example.com:8443/id').ok).toBe(false);
    expect(parseProviderUrl('oidc.example.com/id?x=1').ok).toBe(false);
    expect(parseProviderUrl('').ok).toBe(false);
  });

  it('allows http and a port on loopback, accepting either scheme when none is stored', () => {
    const parsed = parseProviderUrl('127.0.0.1:4577/oidc/demo');
    expect(parsed.ok && parsed.value.acceptedIssuers).toEqual(['https://127.0.0.1:4577/oidc/demo', 'http://127.0.0.1:4577/oidc/demo']);
    expect(parseProviderUrl('http://localhost:4577/oidc').ok).toBe(true);
    expect(parseProviderUrl('http://[::1]:4577/oidc').ok).toBe(true);
  });

  it('knows loopback hosts: localhost, 127.0.0.0/8 and ::1 only', () => {
    expect(['localhost', '127.0.0.1', '127.255.1.9', '::1', '[::1]'].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
    expect(['128.0.0.1', '127.0.0.256', 'localhost.example.com', '10.0.0.1'].map(isLoopbackHost)).toEqual([false, false, false, false]);
  });

  it('derives the discovery URL and the IAM lookup key from an issuer', () => {
    expect(discoveryUrlOf('https://auth.example.com/')).toBe('https://auth.example.com/.well-known/openid-configuration');
    expect(providerUrlForIssuer('https://oidc.eks.us-east-1.amazonaws.com/id/ABC')).toBe('oidc.eks.us-east-1.amazonaws.com/id/ABC');
  });

  it('fetches https anywhere but http and explicit ports only on loopback', () => {
    expect(checkFetchUrl('https://oidc.example.com/keys').ok).toBe(true);
    expect(checkFetchUrl('https://oidc.example.com:8443/keys').ok).toBe(false);
    expect(checkFetchUrl('http://oidc.example.com/keys').ok).toBe(false);
    expect(checkFetchUrl('http://127.0.0.1:8080/keys').ok).toBe(true);
    expect(checkFetchUrl('https://user:pw@oidc.example.com/keys').ok).toBe(false);
    expect(checkFetchUrl('file:///etc/passwd').ok).toBe(false);
  });
});

describe('Cache lifetime of issuer documents from Cache-Control (Kubernetes serves "public, max-age=3600")', () => {
  it.each([
    [undefined, 3600],
    ['public, max-age=3600', 3600],
    ['max-age=600', 600],
    ['max-age=5', 60],
    ['max-age=31536000', 86_400],
    ['no-store', 60],
    ['private', 3600],
  ])('%s -> %i seconds', (header, seconds) => {
    expect(cacheLifetimeSeconds(header, DEFAULT_CACHE_BOUNDS)).toBe(seconds);
  });
});
