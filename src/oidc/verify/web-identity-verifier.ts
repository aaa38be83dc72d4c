// Verifying the WebIdentityToken of an AssumeRoleWithWebIdentity call against the IAM OIDC provider
// STS found for its issuer. STS API Reference, "AssumeRoleWithWebIdentity"; IAM User Guide, "OIDC
// federation" and "Create an OpenID Connect (OIDC) identity provider in IAM". The order of the checks:
// parse, algorithm, issuer, required claims, audience, validity window, keys (discovery + JWKS, TLS),
// signature, session tags. Every refusal is returned as a value with STS's code; nothing is thrown.
import { DEFAULT_CACHE_BOUNDS, type CacheBounds } from './cache-control.ts';
import { conditionContext, type ConditionValue } from './condition-keys.ts';
import {
  couldNotRetrieveKey,
  invalidSignature,
  noProviderFound,
  notAValidJwt,
  thumbprintMismatch,
  unsupportedAlgorithm,
  type WebIdentityFailure,
} from './errors.ts';
import type { OidcFetch } from './fetch-document.ts';
import { matchAudience } from './audience.ts';
import { readIdentityClaims } from './identity-claims.ts';
import { heldKeySet } from './held-key-set.ts';
import type { CompiledKeySet } from './issuer-documents.ts';
import { IssuerKeyCache } from './issuer-key-cache.ts';
import { parseToken } from './parse-token.ts';
import { parseProviderUrl } from './provider-url.ts';
import { readSessionTags, type SessionTags } from './session-tags.ts';
import { certificateAccepted } from './thumbprints.ts';
import { CLOCK_SKEW_SECONDS, checkValidityWindow } from './validity-window.ts';
import { ACCEPTED_ALGORITHMS, verifySignature } from './verify-signature.ts';

/** The IAM OIDC provider a token is checked against, as IAM holds it. */
export interface OidcProviderConfig {
  /** The provider URL, as IAM stores it (`host/path`) or with its scheme. */
  readonly url: string;
  readonly clientIds: readonly string[];
  readonly thumbprints?: readonly string[];
  /**
   * A JWKS podiam holds for this provider (an issuer it cannot reach): used instead of fetching the
   * discovery document and keys; thumbprints do not apply, as nothing is fetched over TLS.
   */
  readonly jwks?: object | undefined;
}

/** Structured log sink (pino-compatible); tokens are never logged, only why they were refused. */
export interface OidcLogger {
  warn(fields: Readonly<Record<string, unknown>>, message: string): void;
  debug?(fields: Readonly<Record<string, unknown>>, message: string): void;
}

export interface WebIdentityVerifierOptions {
  readonly fetch: OidcFetch;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly logger?: OidcLogger;
  /** Allowed clock skew on exp/nbf/iat; AWS documents five minutes. */
  readonly clockSkewSeconds?: number;
  /** How long to keep issuer documents when their Cache-Control does not say (default 1 hour), and the bounds. */
  readonly cacheBounds?: CacheBounds;
  /** Least time between two JWKS refetches caused by an unknown `kid` (default 30 s). */
  readonly unknownKeyRefreshCooldownMs?: number;
  /** Per-fetch time limit; STS gives an issuer 5 seconds. */
  readonly fetchTimeoutMs?: number;
  readonly maxDocumentBytes?: number;
}

/** A token that passed every check, with what STS needs to evaluate the trust policy and build the session. */
export interface VerifiedWebIdentity {
  readonly ok: true;
  /** The token's `iss` (the `Provider` STS returns for OIDC tokens). */
  readonly issuer: string;
  /** The provider URL without scheme: the prefix of its condition keys and the tail of its ARN. */
  readonly providerKeyPrefix: string;
  /** The token's `sub` (`SubjectFromWebIdentityToken`). */
  readonly subject: string;
  /** The client ID the token was accepted for (`Audience`). */
  readonly audience: string;
  /** Seconds since the epoch. */
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly claims: Readonly<Record<string, unknown>>;
  /** Condition keys for the trust policy (the caller adds `aws:FederatedProvider` from the provider ARN). */
  readonly contextEntries: Readonly<Record<string, ConditionValue>>;
  readonly trustPolicyOnlyKeys: readonly string[];
  readonly sessionTags: SessionTags | undefined;
  /** The `https://aws.amazon.com/source_identity` claim, for STS to validate as a SourceIdentity. */
  readonly sourceIdentity: string | undefined;
}

export type WebIdentityResult = VerifiedWebIdentity | WebIdentityFailure;

const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`WebIdentityVerifier: ${name} must be a non-negative number`);
  return value;
}

/** Verifies web identity tokens for AssumeRoleWithWebIdentity, caching each issuer's documents. */
export class WebIdentityVerifier {
  readonly #now: () => number;
  readonly #logger: OidcLogger | undefined;
  readonly #skewSeconds: number;
  readonly #keys: IssuerKeyCache;

  constructor(options: WebIdentityVerifierOptions) {
    if (typeof options.fetch !== 'function') throw new TypeError('WebIdentityVerifier: fetch is required');
    if (typeof options.now !== 'function') throw new TypeError('WebIdentityVerifier: now is required');
    const bounds = options.cacheBounds ?? DEFAULT_CACHE_BOUNDS;
    if (bounds.minSeconds > bounds.maxSeconds) throw new RangeError('WebIdentityVerifier: cache minSeconds exceeds maxSeconds');
    this.#now = options.now;
    this.#logger = options.logger;
    this.#skewSeconds = positive('clockSkewSeconds', options.clockSkewSeconds ?? CLOCK_SKEW_SECONDS);
    this.#keys = new IssuerKeyCache({
      fetch: options.fetch,
      now: options.now,
      bounds,
      limits: {
        timeoutMs: positive('fetchTimeoutMs', options.fetchTimeoutMs ?? 5000),
        maxBytes: positive('maxDocumentBytes', options.maxDocumentBytes ?? 512 * 1024),
      },
      unknownKeyRefreshCooldownMs: positive('unknownKeyRefreshCooldownMs', options.unknownKeyRefreshCooldownMs ?? 30_000),
    });
  }

  /** Verifies `token` against `provider`; refusals come back as `{ ok: false, code, message }`. */
  async verify(token: string, provider: OidcProviderConfig): Promise<WebIdentityResult> {
    const result = await this.#verify(token, provider);
    if (!result.ok) this.#logger?.warn({ code: result.code, detail: result.detail, provider: provider.url }, 'web identity token refused');
    return result;
  }

  async #verify(token: string, provider: OidcProviderConfig): Promise<WebIdentityResult> {
    const parsed = parseToken(token);
    if (!parsed.ok) return notAValidJwt(parsed.reason);
    const { header, claims } = parsed.value;
    const alg = String(header.alg);
    if (!ACCEPTED_ALGORITHMS.includes(alg)) return unsupportedAlgorithm(alg);

    const iss = claims.iss;
    if (typeof iss !== 'string' || iss.length === 0) return notAValidJwt('token has no iss claim');
    const providerUrl = parseProviderUrl(provider.url);
    if (!providerUrl.ok) return noProviderFound(iss, `provider URL ${provider.url} unusable: ${providerUrl.reason}`);
    if (!providerUrl.value.acceptedIssuers.includes(iss)) {
      return noProviderFound(iss, `iss ${iss} is not provider ${provider.url}`);
    }

    const identity = readIdentityClaims(iss, claims);
    if (!identity.ok) return identity;
    const audience = matchAudience(identity.value, provider.clientIds);
    if (!audience.ok) return audience;
    const window = checkValidityWindow(identity.value, this.#now(), this.#skewSeconds);
    if (!window.ok) return window;

    const kid = typeof header.kid === 'string' ? header.kid : undefined;
    let keySet: CompiledKeySet;
    if (provider.jwks !== undefined) {
      const held = heldKeySet(provider.jwks);
      if (!held.ok) return couldNotRetrieveKey(`held JWKS of ${provider.url}: ${held.reason}`);
      keySet = held.value;
    } else {
      const keys = await this.#keys.keysFor(iss, kid);
      if (!keys.ok) return couldNotRetrieveKey(keys.reason);
      const thumbprints = provider.thumbprints ?? [];
      for (const document of [keys.value.discovery, keys.value.keySet]) {
        const accepted = certificateAccepted(document.tls, thumbprints);
        if (!accepted.ok) return thumbprintMismatch(`${document.url}: ${accepted.reason}`);
      }
      keySet = keys.value.keySet.value;
    }
    const signature = await verifySignature(token, keySet, header);
    if (!signature.ok) {
      return signature.kind === 'no-key'
        ? couldNotRetrieveKey(`no published key matches kid ${kid ?? '(none)'} and alg ${alg}: ${signature.reason}`)
        : invalidSignature(signature.reason);
    }

    const tags = readSessionTags(claims);
    if (!tags.ok) return tags;
    const context = conditionContext(providerUrl.value.keyPrefix, identity.value, audience.audience, claims, tags.value);
    const sourceIdentity = claims[SOURCE_IDENTITY_CLAIM];
    return {
      ok: true,
      issuer: iss,
      providerKeyPrefix: providerUrl.value.keyPrefix,
      subject: identity.value.sub,
      audience: audience.audience,
      issuedAt: identity.value.iat,
      expiresAt: identity.value.exp,
      claims,
      contextEntries: context.entries,
      trustPolicyOnlyKeys: context.trustPolicyOnlyKeys,
      sessionTags: tags.value,
      sourceIdentity: typeof sourceIdentity === 'string' ? sourceIdentity : undefined,
    };
  }
}
