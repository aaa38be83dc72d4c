// The issuer endpoints as kube-apiserver serves them (Kubernetes Documentation, "Managing Service
// Accounts", Service account issuer discovery; pkg/routes/openidmetadata.go): the discovery document and
// the JWKS with their content types and "Cache-Control: public, max-age=3600", called in process.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/index.ts';
import { createIssuerDoor, type IssuerDoor } from './issuer-door.ts';
import { IssuerDocuments } from './issuer-documents.ts';
import { newSigningKey, rotateNow } from './signing-keys.ts';

let store: Store;
let door: IssuerDoor;
let revision = 1;
let firstKid = '';

const request = (url: string, method = 'GET') => ({ method, url }) as IncomingMessage;
const res = {} as ServerResponse;

async function get(url: string) {
  const response = await door.handle(request(url), res, 'req-1');
  return { ...response, json: response.status === 200 ? (JSON.parse(response.body) as Record<string, unknown>) : undefined };
}

beforeAll(async () => {
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
  const now = new Date();
  const key = await newSigningKey('demo', now);
  firstKid = key.kid;
  await store.transaction(async (tx) => {
    await tx.clusters.insert({ name: 'demo', issuerUrl: 'https://podiam.example.com/oidc/demo', createdAt: now });
    await tx.clusters.insertSigningKey(key);
    await tx.clusters.insert({ name: 'external', issuerUrl: 'https://oidc.example.com/ext', createdAt: now });
  });
  door = createIssuerDoor(new IssuerDocuments({ store, revision: () => revision, now: () => new Date() }));
});
afterAll(async () => {
  await store.close();
});

describe('issuer door: which requests it claims', () => {
  it.each([
    ['/oidc/demo/.well-known/openid-configuration', 'GET', true],
    ['/oidc/demo/openid/v1/jwks', 'GET', true],
    ['/oidc/demo/openid/v1/jwks', 'HEAD', true],
    ['/oidc/demo/openid/v1/jwks?x=1', 'GET', true],
    ['/podiam/oidc/demo/openid/v1/jwks', 'GET', true],
    ['/oidc/demo/openid/v1/jwks', 'POST', false],
    ['/', 'POST', false],
    ['/oidc/demo', 'GET', false],
    ['/oidc/demo/keys', 'GET', false],
  ])('%s %s -> %s', (url, method, claimed) => {
    expect(door.claims(request(url, method))).toBe(claimed);
  });
});

describe('issuer door: the documents of kube-apiserver', () => {
  it('discovery: issuer, jwks_uri, response_types ["id_token"], subject_types ["public"], algorithms ["RS256"]', async () => {
    const out = await get('/oidc/demo/.well-known/openid-configuration');
    expect(out.status).toBe(200);
    expect(out.headers).toEqual({ 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' });
    expect(out.json).toEqual({
      issuer: 'https://podiam.example.com/oidc/demo',
      jwks_uri: 'https://podiam.example.com/oidc/demo/openid/v1/jwks',
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('JWKS: application/jwk-set+json, each key {use: sig, kty: RSA, kid, alg: RS256, n, e} in that order', async () => {
    const out = await get('/oidc/demo/openid/v1/jwks');
    expect(out.status).toBe(200);
    expect(out.headers).toEqual({ 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=3600' });
    const keys = out.json?.['keys'] as Record<string, unknown>[];
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0] ?? {})).toEqual(['use', 'kty', 'kid', 'alg', 'n', 'e']);
    expect(keys[0]).toMatchObject({ use: 'sig', kty: 'RSA', kid: firstKid, alg: 'RS256', e: 'AQAB' });
    // kid = base64url(SHA-256(DER SubjectPublicKeyInfo)): 32 bytes, 43 characters unpadded.
    expect(firstKid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('behind a load balancer that keeps the base URL\'s path, the same documents answer', async () => {
    expect((await get('/podiam/oidc/demo/openid/v1/jwks')).body).toBe((await get('/oidc/demo/openid/v1/jwks')).body);
  });

  it('unknown clusters and external issuers get 404', async () => {
    expect((await get('/oidc/nosuch/openid/v1/jwks')).status).toBe(404);
    expect((await get('/oidc/external/.well-known/openid-configuration')).status).toBe(404);
  });
});

describe('issuer door: the in-memory documents follow the store revision', () => {
  it('keeps serving what it rendered until the revision moves, then the rotated set', async () => {
    await store.transaction(async (tx) => {
      await rotateNow(tx, 'demo', new Date(), await newSigningKey('demo', new Date()));
    });
    const cached = (await get('/oidc/demo/openid/v1/jwks')).json?.['keys'] as unknown[];
    expect(cached).toHaveLength(1);
    revision += 1;
    const fresh = (await get('/oidc/demo/openid/v1/jwks')).json?.['keys'] as { kid: string }[];
    expect(fresh.map((k) => k.kid)).toHaveLength(2);
    expect(fresh[0]?.kid).toBe(firstKid);
  });
});
