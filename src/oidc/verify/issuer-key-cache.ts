// The discovery documents and key sets of the issuers STS has seen, fetched once and reused for their
// Cache-Control lifetime. Concurrent requests for the same document share one fetch. A token whose
// `kid` is not in the cached key set triggers one early refetch of the JWKS (the issuer rotated its
// key: OpenID Connect Core 1.0, 10.1.1), at most once per cooldown so that forged kids cannot make
// podiam hammer an issuer.
import { cacheLifetimeSeconds, type CacheBounds } from './cache-control.ts';
import { fetchDocument, type FetchLimits, type OidcFetch, type TlsFacts } from './fetch-document.ts';
import { parseDiscovery, parseKeySet, type CompiledKeySet, type IssuerDiscovery } from './issuer-documents.ts';
import { discoveryUrlOf } from './provider-url.ts';

/** A document as cached: the parsed value, when it goes stale, and the TLS facts of its fetch. */
export interface CachedDocument<T> {
  readonly value: T;
  readonly url: string;
  readonly expiresAt: number;
  readonly tls: TlsFacts | undefined;
}

export interface IssuerKeys {
  readonly discovery: CachedDocument<IssuerDiscovery>;
  readonly keySet: CachedDocument<CompiledKeySet>;
}

type Loaded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export interface IssuerKeyCacheOptions {
  readonly fetch: OidcFetch;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly limits: FetchLimits;
  readonly bounds: CacheBounds;
  readonly unknownKeyRefreshCooldownMs: number;
}

/** Discovery documents and JWKS per issuer, with single-flight fetches and key-rotation refresh. */
export class IssuerKeyCache {
  readonly #options: IssuerKeyCacheOptions;
  readonly #discovery = new Map<string, CachedDocument<IssuerDiscovery>>();
  readonly #keySets = new Map<string, CachedDocument<CompiledKeySet>>();
  readonly #inflight = new Map<string, Promise<Loaded<CachedDocument<unknown>>>>();
  readonly #lastUnknownKeyRefresh = new Map<string, number>();

  constructor(options: IssuerKeyCacheOptions) {
    this.#options = options;
  }

  /** The issuer's current keys, refetching the JWKS once (per cooldown) when `kid` is not among them. */
  async keysFor(issuer: string, kid: string | undefined): Promise<Loaded<IssuerKeys>> {
    const discovery = await this.#discoveryFor(issuer);
    if (!discovery.ok) return discovery;
    const jwksUri = discovery.value.value.jwksUri;
    let keySet = await this.#keySetFor(jwksUri, false);
    if (keySet.ok && kid !== undefined && !keySet.value.value.keyIds.has(kid)) {
      const now = this.#options.now();
      const last = this.#lastUnknownKeyRefresh.get(jwksUri);
      if (last === undefined || now - last >= this.#options.unknownKeyRefreshCooldownMs) {
        this.#lastUnknownKeyRefresh.set(jwksUri, now);
        keySet = await this.#keySetFor(jwksUri, true);
      }
    }
    if (!keySet.ok) return keySet;
    return { ok: true, value: { discovery: discovery.value, keySet: keySet.value } };
  }

  async #discoveryFor(issuer: string): Promise<Loaded<CachedDocument<IssuerDiscovery>>> {
    const cached = this.#discovery.get(issuer);
    if (cached !== undefined && cached.expiresAt > this.#options.now()) return { ok: true, value: cached };
    return this.#load('discovery', this.#discovery, issuer, discoveryUrlOf(issuer), (json) => parseDiscovery(json, issuer));
  }

  async #keySetFor(jwksUri: string, force: boolean): Promise<Loaded<CachedDocument<CompiledKeySet>>> {
    const cached = this.#keySets.get(jwksUri);
    if (!force && cached !== undefined && cached.expiresAt > this.#options.now()) return { ok: true, value: cached };
    return this.#load('jwks', this.#keySets, jwksUri, jwksUri, parseKeySet);
  }

  /** Fetches and parses one document; callers asking for the same URL meanwhile share the fetch. */
  #load<T>(
    kind: 'discovery' | 'jwks',
    store: Map<string, CachedDocument<T>>,
    cacheKey: string,
    url: string,
    parse: (json: unknown) => Loaded<T>,
  ): Promise<Loaded<CachedDocument<T>>> {
    const flightKey = `${kind} ${cacheKey}`;
    const pending = this.#inflight.get(flightKey);
    if (pending !== undefined) return pending as Promise<Loaded<CachedDocument<T>>>;
    const flight = (async (): Promise<Loaded<CachedDocument<T>>> => {
      const fetched = await fetchDocument(this.#options.fetch, url, this.#options.limits);
      if (!fetched.ok) return fetched;
      const parsed = parse(fetched.value.json);
      if (!parsed.ok) return { ok: false, reason: `${url}: ${parsed.reason}` };
      const lifetime = cacheLifetimeSeconds(fetched.value.cacheControl, this.#options.bounds);
      const document: CachedDocument<T> = {
        value: parsed.value,
        url,
        expiresAt: this.#options.now() + lifetime * 1000,
        tls: fetched.value.tls,
      };
      store.set(cacheKey, document);
      return { ok: true, value: document };
    })().finally(() => this.#inflight.delete(flightKey));
    this.#inflight.set(flightKey, flight);
    return flight;
  }
}
