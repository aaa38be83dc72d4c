// Which of the provider's client IDs a token is for. IAM User Guide, "Available keys for AWS OIDC
// federation" (`aud`): when the token carries `azp` (authorized party), the `aud` condition key takes
// the `azp` value and `oaud` takes the token's `aud`; otherwise both take `aud`. STS checks the same
// value against the provider's client ID list, answering "Incorrect token audience" when none matches
// (observed: a token whose `aud` is a registered client but whose `azp` is another app is refused).
import { incorrectAudience, type WebIdentityFailure } from './errors.ts';
import type { IdentityClaims } from './identity-claims.ts';

/** The client ID the token is for: `azp` when present, else the first `aud` entry registered. */
export function matchAudience(
  claims: IdentityClaims,
  clientIds: readonly string[],
): { readonly ok: true; readonly audience: string } | WebIdentityFailure {
  const registered = new Set(clientIds);
  const candidates = claims.azp !== undefined ? [claims.azp] : claims.aud;
  const audience = candidates.find((candidate) => registered.has(candidate));
  if (audience === undefined) {
    const source = claims.azp !== undefined ? 'azp' : 'aud';
    return incorrectAudience(`${source} ${JSON.stringify(candidates)} matches none of the provider's client IDs`);
  }
  return { ok: true, audience };
}
