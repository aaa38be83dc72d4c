// Remembers tokens that passed verification for a short while. The same projected service-account
// token is presented again and again (every SDK client of a pod, every process, every refresh until
// kubelet rotates the file); its signature, issuer and audience check cannot come out differently while
// the issuer's keys and the provider's configuration are unchanged — and the verifier itself trusts a
// fetched key set for as long as its cache lasts, so a minute more adds no staleness. Only successes are
// kept, keyed by the token and the provider's URL, client IDs, thumbprints and held JWKS (for issuers
// podiam cannot reach; a synced key set is a new key); an entry lasts at most a
// minute and never past the token's `exp` (the verifier then decides again, clock skew included). The
// trust policy, session policies and everything else are evaluated on every call. The unverified `iss`
// of recent tokens (a pure function of the token, used to find the provider) is remembered too.
import { issuerOfToken, type OidcProviderConfig, type VerifiedWebIdentity, type WebIdentityResult, type WebIdentityVerifier } from '../oidc/index.ts';

const TTL_MS = 60_000;
const MAX_ENTRIES = 4096;
/** The issuer memo takes any token, verified or not: fewer and shorter ones (at most ~4 MiB). */
const MAX_ISSUERS = 1024;
const MAX_MEMO_TOKEN_CHARS = 4096;

/** A tag per held JWKS object: a new key set (a new snapshot of the provider) is a new cache key. */
const jwksTags = new WeakMap<object, string>();
let nextJwksTag = 0;
function jwksTag(jwks: object | undefined): string {
  if (jwks === undefined) return '';
  let tag = jwksTags.get(jwks);
  if (tag === undefined) jwksTags.set(jwks, (tag = String(++nextJwksTag)));
  return tag;
}

interface Entry {
  readonly result: VerifiedWebIdentity;
  readonly until: number;
}

/** A verifier that answers repeated tokens from memory. */
export class VerifiedTokenCache implements Pick<WebIdentityVerifier, 'verify'> {
  readonly #inner: Pick<WebIdentityVerifier, 'verify'>;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();
  readonly #issuers = new Map<string, string | undefined>();

  constructor(inner: Pick<WebIdentityVerifier, 'verify'>, now: () => number = () => Date.now()) {
    this.#inner = inner;
    this.#now = now;
  }

  /** The token's `iss`, unverified (see issuerOfToken). */
  issuerOf(token: string): string | undefined {
    if (this.#issuers.has(token)) return this.#issuers.get(token);
    const iss = issuerOfToken(token);
    if (token.length > MAX_MEMO_TOKEN_CHARS) return iss;
    if (this.#issuers.size >= MAX_ISSUERS) {
      const oldest = this.#issuers.keys().next();
      if (oldest.done !== true) this.#issuers.delete(oldest.value);
    }
    this.#issuers.set(token, iss);
    return iss;
  }

  async verify(token: string, provider: OidcProviderConfig): Promise<WebIdentityResult> {
    const key = `${provider.url}\n${provider.clientIds.join(',')}\n${(provider.thumbprints ?? []).join(',')}\n${jwksTag(provider.jwks)}\n${token}`;
    const now = this.#now();
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      if (now < hit.until) return hit.result;
      this.#entries.delete(key);
    }
    const result = await this.#inner.verify(token, provider);
    if (result.ok) {
      const until = Math.min(now + TTL_MS, result.expiresAt * 1000);
      if (until > now) {
        if (this.#entries.size >= MAX_ENTRIES) {
          const oldest = this.#entries.keys().next();
          if (oldest.done !== true) this.#entries.delete(oldest.value);
        }
        this.#entries.set(key, { result, until });
      }
    }
    return result;
  }
}
