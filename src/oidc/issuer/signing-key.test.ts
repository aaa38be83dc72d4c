import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  exportSigningKeyJwk,
  exportSigningKeyPem,
  generateSigningKey,
  importSigningKeyJwk,
  importSigningKeyPem,
  keyIdFromPublicKeyPem,
} from './signing-key.ts';

const fixture = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

// Vector computed on the build machine with OpenSSL 3.0 from fixtures/test-signing-key.pub.pem:
//   openssl rsa -pubin -in test-signing-key.pub.pem -outform DER | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '='
const FIXTURE_KID = 'VNKi5uPhtjHh4mSeXKAQ5UJs0WD0A_ut6u6kcOfI7sI';

describe('Service-account key IDs as kube-apiserver derives them (pkg/serviceaccount/jwt.go, keyIDFromPublicKey)', () => {
  it('is the unpadded base64url SHA-256 of the DER SubjectPublicKeyInfo (OpenSSL vector)', () => {
    expect(keyIdFromPublicKeyPem(fixture('./fixtures/test-signing-key.pub.pem'))).toBe(FIXTURE_KID);
  });

  it('is the same when the key is read from a PKCS#1 private key file', async () => {
    const key = await importSigningKeyPem(fixture('./fixtures/test-signing-key.pkcs1.pem'));
    expect(key.kid).toBe(FIXTURE_KID);
    expect(key.publicJwk.e).toBe('AQAB');
  });
});

describe('Service-account signing keys: RSA-2048 RS256, stored as PEM or JWK', () => {
  it('generates a 2048-bit RSA key whose kid matches its public key', async () => {
    const key = await generateSigningKey();
    expect(Buffer.from(key.publicJwk.n, 'base64url').length).toBe(256);
    const { publicKeyPem } = await exportSigningKeyPem(key);
    expect(key.kid).toBe(keyIdFromPublicKeyPem(publicKeyPem));
  });

  it('round-trips through PKCS#8 PEM and through JWK with the same kid', async () => {
    const key = await generateSigningKey();
    const pem = await exportSigningKeyPem(key);
    expect(pem.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect((await importSigningKeyPem(pem.privateKeyPem)).kid).toBe(key.kid);
    const jwk = await exportSigningKeyJwk(key);
    expect(jwk).toMatchObject({ kty: 'RSA', kid: key.kid, alg: 'RS256', use: 'sig' });
    expect((await importSigningKeyJwk(jwk)).kid).toBe(key.kid);
  });

  it('recomputes the kid of an imported JWK instead of trusting the document', async () => {
    const key = await generateSigningKey();
    const jwk = { ...(await exportSigningKeyJwk(key)), kid: 'forged' };
    expect((await importSigningKeyJwk(jwk)).kid).toBe(key.kid);
  });

  it('refuses a non-RSA key', async () => {
    await expect(importSigningKeyPem(fixture('../verify/fixtures/test-issuer.key.pem'))).rejects.toThrow(/RSA/);
    const jwk = await exportSigningKeyJwk(await generateSigningKey());
    const { d: _d, ...publicOnly } = jwk;
    await expect(importSigningKeyJwk(publicOnly)).rejects.toThrow(/private RSA JWK/);
  });
});
