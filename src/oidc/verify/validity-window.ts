// When a token may be used. IAM User Guide, "OIDC federation": IAM allows five minutes beyond the
// token's `exp` for clock skew (as OpenID Connect Core 1.0 permits); past that STS answers
// ExpiredTokenException "Token expired: current date/time <now> must be before the expiration
// date/time <exp>". podiam applies the same skew to `nbf` and `iat` in the future.
import { tokenExpired, tokenIssuedInFuture, tokenNotYetValid, type WebIdentityFailure } from './errors.ts';
import type { IdentityClaims } from './identity-claims.ts';

/** AWS's documented allowance for clock skew on `exp`. */
export const CLOCK_SKEW_SECONDS = 300;

/** Refuses a token outside its validity window at `nowMs` (milliseconds since the epoch). */
export function checkValidityWindow(
  claims: IdentityClaims,
  nowMs: number,
  skewSeconds: number,
): { readonly ok: true } | WebIdentityFailure {
  const now = Math.floor(nowMs / 1000);
  if (now >= claims.exp + skewSeconds) return tokenExpired(now, claims.exp);
  if (claims.nbf !== undefined && claims.nbf > now + skewSeconds) return tokenNotYetValid(now, claims.nbf);
  if (claims.iat > now + skewSeconds) return tokenIssuedInFuture(now, claims.iat);
  return { ok: true };
}
