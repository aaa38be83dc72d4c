import { expect, it } from 'vitest';
import type { ClusterSigningKey } from './clusters.ts';
import { StoreConflict } from './conflict.ts';
import { at, seed } from './testing/fixtures.ts';
import { storeVariants } from './testing/store-variants.ts';

const variants = storeVariants();

function signingKey(clusterName: string, kid: string, seconds: number): ClusterSigningKey {
  return {
    clusterName,
    kid,
    privateJwk: { kty: 'EC', crv: 'P-256', x: `x-${kid}`, y: `y-${kid}`, d: `d-${kid}` },
    publicJwk: { kty: 'EC', crv: 'P-256', x: `x-${kid}`, y: `y-${kid}`, kid, alg: 'ES256', use: 'sig' },
    createdAt: at(seconds),
    retiredAt: undefined,
    expiresPublicAt: undefined,
  };
}

variants.describe('Cluster issuers and their signing-key rotation', (stores) => {
  it('a cluster is found by name and by issuer URL; both are unique', async () => {
    const store = await stores.fresh();
    const prod = await seed(store.clusters.insert({ name: 'prod', issuerUrl: 'https://podiam.example/clusters/prod', createdAt: at() }));
    expect(await store.clusters.getByIssuer('https://podiam.example/clusters/prod')).toEqual(prod);
    expect(await store.clusters.insert({ ...prod, issuerUrl: 'https://other' })).toEqual(new StoreConflict('cluster', 'prod'));
    expect(await store.clusters.insert({ ...prod, name: 'prod2' })).toEqual(new StoreConflict('cluster', 'prod2'));
  });

  it('keys list oldest first; a retired key keeps its public half until it expires; deleting the cluster deletes its keys', async () => {
    const store = await stores.fresh();
    await seed(store.clusters.insert({ name: 'prod', issuerUrl: 'https://i/prod', createdAt: at() }));
    await seed(store.clusters.insert({ name: 'dev', issuerUrl: 'https://i/dev', createdAt: at() }));
    const k1 = await seed(store.clusters.insertSigningKey(signingKey('prod', 'k1', 0)));
    const k2 = await seed(store.clusters.insertSigningKey(signingKey('prod', 'k2', 10)));
    await seed(store.clusters.insertSigningKey(signingKey('dev', 'k1', 5)));
    expect(await store.clusters.insertSigningKey(signingKey('prod', 'k2', 20))).toEqual(new StoreConflict('cluster-signing-key', 'k2'));
    const retired = await store.clusters.retireSigningKey('prod', 'k1', at(10), at(86_410));
    expect(retired).toEqual({ ...k1, retiredAt: at(10), expiresPublicAt: at(86_410) });
    expect(await store.clusters.signingKeys('prod')).toEqual([retired, k2]);
    expect(await store.clusters.delete('prod')).toBe(true);
    expect((await store.clusters.allSigningKeys()).map((k) => `${k.clusterName}/${k.kid}`)).toEqual(['dev/k1']);
  });
});
