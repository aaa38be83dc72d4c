// Reads a JWT's header and claims without trusting them: the first step of AssumeRoleWithWebIdentity,
// before any key is fetched. A token that is not a compact JWS with a JSON object header and payload
// is refused with "The ID Token provided is not a valid JWT".
import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';

/** The unverified parts of a compact JWS: only for routing and early checks, never for decisions. */
export interface UnverifiedToken {
  readonly header: ProtectedHeaderParameters;
  readonly claims: JWTPayload;
}

/** Decodes a token, or returns why it is not a JWT. */
export function parseToken(token: string): { readonly ok: true; readonly value: UnverifiedToken } | { readonly ok: false; readonly reason: string } {
  if (token.split('.').length !== 3) return { ok: false, reason: 'not a three-part compact JWS' };
  try {
    const header = decodeProtectedHeader(token);
    const claims = decodeJwt(token);
    if (typeof header.alg !== 'string') return { ok: false, reason: 'header has no alg' };
    return { ok: true, value: { header, claims } };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'undecodable token' };
  }
}

/** The `iss` of a token, unverified: how STS finds the provider to verify the token against. */
export function issuerOfToken(token: string): string | undefined {
  const parsed = parseToken(token);
  if (!parsed.ok) return undefined;
  const iss = parsed.value.claims.iss;
  return typeof iss === 'string' && iss.length > 0 ? iss : undefined;
}
