import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, testKey, type TestKey } from '../testing/signed-tokens.ts';
import { COULD_NOT_RETRIEVE_KEY, THUMBPRINT_MISMATCH } from './errors.ts';
import { createIssuerFetch } from './issuer-fetch.ts';
import { WebIdentityVerifier, type WebIdentityResult } from './web-identity-verifier.ts';

// A TLS issuer on 127.0.0.1 whose certificate (SAN IP:127.0.0.1) is signed by a private test CA that
// no trust store knows: the situation IAM's thumbprint fallback exists for. The server presents the
// leaf and the CA, so the CA is the last certificate in the chain.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const caPem = fixture('test-ca.cert.pem');
const leafPem = fixture('test-issuer.cert.pem');
const sha1 = (pem: string) => new X509Certificate(pem).fingerprint.replaceAll(':', '').toLowerCase();

let server: Server;
let issuer: string;
let providerUrl: string;
let key: TestKey;

beforeAll(async () => {
  key = await testKey('ES256', 'tls-key');
  server = createServer({ key: fixture('test-issuer.key.pem'), cert: `${leafPem}${caPem}` }, (request, response) => {
    if (request.url === '/tls/.well-known/openid-configuration') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer,
          jwks_uri: `${issuer}/keys`,
          response_types_supported: ['id_token'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['ES256'],
        }),
      );
    } else if (request.url === '/tls/keys') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [key.publicJwk] }));
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  issuer = `https://127.0.0.1:${port}/tls`;
  providerUrl = `127.0.0.1:${port}/tls`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function verify(fetchOptions: Parameters<typeof createIssuerFetch>[0], thumbprints?: string[]): Promise<WebIdentityResult> {
  const verifier = new WebIdentityVerifier({ fetch: createIssuerFetch(fetchOptions), now: Date.now });
  const iat = Math.floor(Date.now() / 1000);
  const token = await signToken(key, { iss: issuer, sub: 'workload', aud: 'sts.amazonaws.com', iat, exp: iat + 600 });
  return verifier.verify(token, { url: providerUrl, clientIds: ['sts.amazonaws.com'], ...(thumbprints ? { thumbprints } : {}) });
}

function outcome(result: WebIdentityResult): string {
  return result.ok ? 'ok' : result.message;
}

describe('JWKS endpoint certificates: trusted CAs first, thumbprints only as fallback (IAM "Obtain the thumbprint for an OpenID Connect identity provider")', () => {
  it('accepts a certificate from a trusted CA without any thumbprint', async () => {
    expect(outcome(await verify({ extraCa: [caPem] }))).toBe('ok');
  });

  it('accepts an untrusted chain whose top certificate matches a configured thumbprint', async () => {
    expect(outcome(await verify({}, [sha1(caPem).toUpperCase()]))).toBe('ok');
  });

  it('refuses an untrusted chain when no thumbprint matches its top certificate', async () => {
    expect(outcome(await verify({}, [sha1(leafPem)]))).toBe(THUMBPRINT_MISMATCH);
    expect(outcome(await verify({}))).toBe(THUMBPRINT_MISMATCH);
  });

  it('reports the presented chain leaf first', async () => {
    const response = await createIssuerFetch()(`${issuer}/keys`, { signal: AbortSignal.timeout(5000) });
    expect('tls' in response && response.tls).toEqual({ trusted: false, chainSha1: [sha1(leafPem), sha1(caPem)] });
  });

  it('never accepts a certificate for another host name, even with a matching thumbprint', async () => {
    const { port } = server.address() as AddressInfo;
    await expect(createIssuerFetch()(`https://localhost:${port}/tls/keys`, { signal: AbortSignal.timeout(5000) })).rejects.toThrow(
      /localhost/,
    );
    const verifier = new WebIdentityVerifier({ fetch: createIssuerFetch(), now: Date.now });
    const iat = Math.floor(Date.now() / 1000);
    const localhostIssuer = `https://localhost:${port}/tls`;
    const token = await signToken(key, { iss: localhostIssuer, sub: 'w', aud: 'sts.amazonaws.com', iat, exp: iat + 600 });
    const result = await verifier.verify(token, {
      url: `localhost:${port}/tls`,
      clientIds: ['sts.amazonaws.com'],
      thumbprints: [sha1(caPem)],
    });
    expect(outcome(result)).toBe(COULD_NOT_RETRIEVE_KEY);
  });
});
