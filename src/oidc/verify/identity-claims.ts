// The claims STS requires of a web identity token, read into types that cannot be wrong.
// IAM User Guide, "Create an OpenID Connect (OIDC) identity provider in IAM": tokens must carry `iss`,
// `aud`, `sub` and `iat`; STS answers "Missing a required claim: <name>" when one is absent. `exp` is
// required as in OpenID Connect Core 1.0, 2 (ID Token).
import type { JWTPayload } from 'jose';
import { invalidClaim, missingClaim, type WebIdentityFailure } from './errors.ts';

/** The claims of a token after their presence and types are checked (signature not yet verified). */
export interface IdentityClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: readonly string[];
  readonly azp: string | undefined;
  readonly exp: number;
  readonly iat: number;
  readonly nbf: number | undefined;
  readonly amr: readonly string[] | undefined;
  readonly email: string | undefined;
}

const REQUIRED = ['aud', 'sub', 'exp', 'iat'] as const;

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function stringList(value: unknown): readonly string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}

/** Checks presence and types of the claims STS reads; `iss` has been matched to the provider already. */
export function readIdentityClaims(
  iss: string,
  claims: JWTPayload,
): { readonly ok: true; readonly value: IdentityClaims } | WebIdentityFailure {
  for (const name of REQUIRED) if (claims[name] === undefined) return missingClaim(name);
  const aud = stringList(claims.aud);
  if (aud === undefined || aud.length === 0) return invalidClaim('aud', 'aud is not a string or a list of strings');
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) return invalidClaim('sub', 'sub is not a non-empty string');
  if (!isNumericDate(claims.exp)) return invalidClaim('exp', 'exp is not a NumericDate');
  if (!isNumericDate(claims.iat)) return invalidClaim('iat', 'iat is not a NumericDate');
  if (claims.nbf !== undefined && !isNumericDate(claims.nbf)) return invalidClaim('nbf', 'nbf is not a NumericDate');
  if (claims.azp !== undefined && typeof claims.azp !== 'string') return invalidClaim('azp', 'azp is not a string');
  const amr = claims.amr === undefined ? undefined : stringList(claims.amr);
  if (claims.amr !== undefined && amr === undefined) return invalidClaim('amr', 'amr is not a string or a list of strings');
  return {
    ok: true,
    value: {
      iss,
      sub: claims.sub,
      aud,
      azp: typeof claims.azp === 'string' ? claims.azp : undefined,
      exp: claims.exp,
      iat: claims.iat,
      nbf: claims.nbf,
      amr,
      email: typeof claims.email === 'string' ? claims.email : undefined,
    },
  };
}
