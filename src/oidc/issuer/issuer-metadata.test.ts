import { describe, expect, it } from 'vitest';
import { discoveryResponseHeaders, issuerDiscoveryDocument, issuerJwks, jwksResponseHeaders } from './issuer-metadata.ts';

const KEY = { kid: 'VNKi5uPhtjHh4mSeXKAQ5UJs0WD0A_ut6u6kcOfI7sI', publicJwk: { kty: 'RSA' as const, n: 'sXch', e: 'AQAB' } };

describe('Service account issuer discovery as kube-apiserver serves it (pkg/serviceaccount/openidmetadata.go)', () => {
  it('renders the discovery document with the fields and order the API server uses', () => {
    const document = issuerDiscoveryDocument({ issuer: 'https://oidc.example.com/id/ABC', keys: [KEY] });
    expect(JSON.stringify(document)).toBe(
      '{"issuer":"https://oidc.example.com/id/ABC","jwks_uri":"https://oidc.example.com/id/ABC/openid/v1/jwks",' +
        '"response_types_supported":["id_token"],"subject_types_supported":["public"],' +
        '"id_token_signing_alg_values_supported":["RS256"]}',
    );
  });

  it('uses an explicit jwks_uri (--service-account-jwks-uri) when given', () => {
    const document = issuerDiscoveryDocument({ issuer: 'https://oidc.example.com', jwksUri: 'https://keys.example.com/jwks', keys: [KEY] });
    expect(document.jwks_uri).toBe('https://keys.example.com/jwks');
  });

  it('renders each JWKS key as go-jose does: use, kty, kid, alg, n, e', () => {
    expect(JSON.stringify(issuerJwks([KEY]))).toBe(
      '{"keys":[{"use":"sig","kty":"RSA","kid":"VNKi5uPhtjHh4mSeXKAQ5UJs0WD0A_ut6u6kcOfI7sI","alg":"RS256","n":"sXch","e":"AQAB"}]}',
    );
  });

  it('sends both documents with public, max-age=3600; the JWKS as application/jwk-set+json', () => {
    expect(discoveryResponseHeaders()).toEqual({ 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=3600' });
    expect(jwksResponseHeaders()).toEqual({ 'Content-Type': 'application/jwk-set+json', 'Cache-Control': 'public, max-age=3600' });
  });

  it('refuses issuers the API server refuses: not https, with a query or a fragment, or no keys', () => {
    expect(() => issuerDiscoveryDocument({ issuer: 'http://oidc.example.com', keys: [KEY] })).toThrow(/https/);
    expect(() => issuerDiscoveryDocument({ issuer: 'https://oidc.example.com?a=b', keys: [KEY] })).toThrow(/query/);
    expect(() => issuerDiscoveryDocument({ issuer: 'https://oidc.example.com#x', keys: [KEY] })).toThrow(/fragment/);
    expect(() => issuerDiscoveryDocument({ issuer: 'https://oidc.example.com', keys: [] })).toThrow(/no keys/);
    expect(issuerDiscoveryDocument({ issuer: 'http://127.0.0.1:4577/oidc', keys: [KEY] }).issuer).toBe('http://127.0.0.1:4577/oidc');
  });
});
