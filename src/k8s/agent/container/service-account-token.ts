// Who a projected service-account token belongs to, as the API server vouches for it.
//
// Choice: TokenReview (authentication.k8s.io/v1) rather than local verification against the issuer's
// JWKS. A TokenReview is answered by the API server that issued the token, so it
//  - rejects tokens of deleted pods at once (bound tokens are invalidated with their pod; a JWKS check
//    accepts them until they expire, up to the token's lifetime),
//  - checks the audience and the issuer exactly as the cluster is configured (no issuer discovery, no
//    key rotation handling in the agent, works with any issuer including non-public ones),
//  - returns the pod's name and UID (`authentication.kubernetes.io/pod-name|pod-uid`) from the
//    binding, which the agent matches against the pods it watches.
// The cost, one API call per new token, is paid once per token: verdicts are cached by the token's
// SHA-256 until the token expires or a minute passes (kubelet rotates projected tokens at 80% of their
// life, so a pod presents the same token for many requests), and concurrent reviews of one token share
// one call. It needs `create` on `tokenreviews` (the system:auth-delegator ClusterRole).
import { createHash } from 'node:crypto';

/** The identity a verified token carries. */
export interface ServiceAccountIdentity {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly podName: string;
  readonly podUid: string;
}

/** A verdict on a token. */
export type TokenVerdict =
  | { readonly ok: true; readonly identity: ServiceAccountIdentity }
  | { readonly ok: false; readonly status: 400 | 401 | 503; readonly reason: string };

/** Verifies service-account tokens. */
export interface ServiceAccountTokenVerifier {
  verify(token: string): Promise<TokenVerdict>;
}

/** A TokenReview's status, as the API server answers. */
export interface TokenReviewStatus {
  readonly authenticated?: boolean | undefined;
  readonly audiences?: readonly string[] | undefined;
  readonly error?: string | undefined;
  readonly user?: { readonly username?: string | undefined; readonly extra?: Readonly<Record<string, readonly string[]>> | undefined } | undefined;
}

/** Sends one TokenReview. */
export type TokenReviewCall = (token: string, audiences: readonly string[]) => Promise<TokenReviewStatus>;

/** Options of the TokenReview verifier. */
export interface TokenReviewVerifierOptions {
  readonly review: TokenReviewCall;
  readonly audience: string;
  readonly now?: () => number;
  readonly positiveTtlMs?: number;
  readonly negativeTtlMs?: number;
  readonly maxEntries?: number;
}

interface Cached {
  readonly verdict: TokenVerdict;
  readonly until: number;
}

const SERVICE_ACCOUNT_USER = /^system:serviceaccount:([^:]+):([^:]+)$/;
const POD_NAME = 'authentication.kubernetes.io/pod-name';
const POD_UID = 'authentication.kubernetes.io/pod-uid';

/** Verifies tokens with TokenReview, caching verdicts. */
export class TokenReviewVerifier implements ServiceAccountTokenVerifier {
  readonly #options: TokenReviewVerifierOptions;
  readonly #now: () => number;
  readonly #cache = new Map<string, Cached>();
  readonly #inflight = new Map<string, Promise<TokenVerdict>>();

  constructor(options: TokenReviewVerifierOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  verify(token: string): Promise<TokenVerdict> {
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token) || token.length > 16384) {
      return Promise.resolve({ ok: false, status: 400, reason: 'the token is not a JWT' });
    }
    const key = createHash('sha256').update(token).digest('base64url');
    const cached = this.#cache.get(key);
    if (cached !== undefined && cached.until > this.#now()) return Promise.resolve(cached.verdict);
    const flying = this.#inflight.get(key);
    if (flying !== undefined) return flying;
    const review = this.#review(token).then((verdict) => {
      this.#inflight.delete(key);
      if (verdict.ok || verdict.status === 401) this.#remember(key, verdict, token);
      return verdict;
    });
    this.#inflight.set(key, review);
    return review;
  }

  async #review(token: string): Promise<TokenVerdict> {
    let status: TokenReviewStatus;
    try {
      status = await this.#options.review(token, [this.#options.audience]);
    } catch (err) {
      return { ok: false, status: 503, reason: `TokenReview failed: ${String(err)}` };
    }
    if (status.authenticated !== true) return { ok: false, status: 401, reason: status.error ?? 'token not authenticated' };
    if (!(status.audiences ?? []).includes(this.#options.audience)) return { ok: false, status: 401, reason: `token audience is not ${this.#options.audience}` };
    const match = SERVICE_ACCOUNT_USER.exec(status.user?.username ?? '');
    if (match === null) return { ok: false, status: 401, reason: 'token is not a service-account token' };
    const podName = status.user?.extra?.[POD_NAME]?.[0];
    const podUid = status.user?.extra?.[POD_UID]?.[0];
    if (podName === undefined || podUid === undefined) return { ok: false, status: 401, reason: 'token is not bound to a pod' };
    return { ok: true, identity: { namespace: match[1] ?? '', serviceAccount: match[2] ?? '', podName, podUid } };
  }

  #remember(key: string, verdict: TokenVerdict, token: string): void {
    const now = this.#now();
    const ttl = verdict.ok ? (this.#options.positiveTtlMs ?? 60_000) : (this.#options.negativeTtlMs ?? 5_000);
    const exp = expiryOf(token);
    const until = Math.min(now + ttl, exp ?? Number.POSITIVE_INFINITY);
    if (this.#cache.size >= (this.#options.maxEntries ?? 10_000)) this.#sweep(now);
    this.#cache.set(key, { verdict, until });
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#cache) if (entry.until <= now) this.#cache.delete(key);
    if (this.#cache.size >= (this.#options.maxEntries ?? 10_000)) this.#cache.clear();
  }
}

// The token's `exp`, read without trusting it: it only ever shortens how long a verdict is kept.
function expiryOf(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
