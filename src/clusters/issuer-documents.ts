// The discovery document and JWKS of every podiam-issued cluster, rendered once and kept in memory: the
// issuer endpoints are read by every verifier and must not wait on the database. Rebuilt from the store
// when its revision moves (a cluster or key was written) and at least every minute, as keys enter and
// leave publication with time alone.
import { issuerDiscoveryDocument, issuerJwks, type PublishedKey } from '../oidc/index.ts';
import type { ClusterSigningKey, JsonObject, Store } from '../store/index.ts';
import { keySchedule } from './key-schedule.ts';

/** One issuer's two documents, as response bodies. */
export interface RenderedIssuer {
  readonly discovery: string;
  readonly jwks: string;
}

export interface IssuerDocumentsOptions {
  readonly store: Pick<Store, 'read'>;
  /** The store revision the server last saw (the snapshot's). */
  readonly revision: () => number;
  readonly now: () => Date;
  /** Longest a rendering is reused without a revision change (default one minute). */
  readonly maxAgeMs?: number;
}

interface Rendering {
  readonly revision: number;
  readonly renderedAt: number;
  readonly issuers: ReadonlyMap<string, RenderedIssuer>;
}

function publishedKey(key: ClusterSigningKey): PublishedKey | undefined {
  const { n, e, kty } = key.publicJwk as JsonObject;
  return kty === 'RSA' && typeof n === 'string' && typeof e === 'string' ? { kid: key.kid, publicJwk: { kty: 'RSA', n, e } } : undefined;
}

/** Renders each cluster's documents as kube-apiserver serves them (compact JSON). */
function render(clusters: readonly { name: string; issuerUrl: string }[], keys: readonly ClusterSigningKey[], now: Date): Map<string, RenderedIssuer> {
  const byCluster = new Map<string, ClusterSigningKey[]>();
  for (const key of keys) byCluster.set(key.clusterName, [...(byCluster.get(key.clusterName) ?? []), key]);
  const out = new Map<string, RenderedIssuer>();
  for (const cluster of clusters) {
    const own = byCluster.get(cluster.name);
    if (own === undefined) continue; // an external issuer: its own API server serves it
    const published = keySchedule(own, now).published.flatMap((key) => publishedKey(key) ?? []);
    if (published.length === 0) continue;
    out.set(cluster.name, {
      discovery: JSON.stringify(issuerDiscoveryDocument({ issuer: cluster.issuerUrl, keys: published })),
      jwks: JSON.stringify(issuerJwks(published)),
    });
  }
  return out;
}

/** The rendered documents of every podiam-issued cluster, by cluster name. */
export class IssuerDocuments {
  readonly #options: IssuerDocumentsOptions;
  #current: Rendering | undefined;
  #loading: Promise<Rendering> | undefined;

  constructor(options: IssuerDocumentsOptions) {
    this.#options = options;
  }

  /** The cluster's documents, or undefined when podiam does not issue for it. */
  async lookup(clusterName: string): Promise<RenderedIssuer | undefined> {
    return (await this.#fresh()).issuers.get(clusterName);
  }

  async #fresh(): Promise<Rendering> {
    const current = this.#current;
    const revision = this.#options.revision();
    const maxAge = this.#options.maxAgeMs ?? 60_000;
    if (current !== undefined && current.revision === revision && this.#options.now().getTime() - current.renderedAt < maxAge) return current;
    this.#loading ??= this.#load(revision).finally(() => (this.#loading = undefined));
    return this.#loading;
  }

  async #load(revision: number): Promise<Rendering> {
    const { clusters, keys } = await this.#options.store.read(async (tx) => ({ clusters: await tx.clusters.all(), keys: await tx.clusters.allSigningKeys() }));
    const now = this.#options.now();
    const rendering = { revision, renderedAt: now.getTime(), issuers: render(clusters, keys, now) };
    this.#current = rendering;
    return rendering;
  }
}
