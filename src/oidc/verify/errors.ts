// The refusals a web identity token can end in, with the codes and messages AWS STS returns.
// STS API Reference, "AssumeRoleWithWebIdentity", Errors. Messages marked "observed" are the exact texts
// real STS responses carry (seen in public bug reports); the others are podiam's wording for cases
// where AWS's text is not public.

/** The STS error codes a web identity token check can end in (all HTTP 400, client faults). */
export type WebIdentityErrorCode =
  | 'InvalidIdentityToken'
  | 'ExpiredTokenException'
  | 'IDPRejectedClaim'
  | 'IDPCommunicationError'
  | 'ValidationError';

/** A refused token: the public code and message STS sends, and a private detail that is only logged. */
export interface WebIdentityFailure {
  readonly ok: false;
  readonly code: WebIdentityErrorCode;
  readonly httpStatus: 400;
  readonly message: string;
  readonly detail: string;
}

function failure(code: WebIdentityErrorCode, message: string, detail: string): WebIdentityFailure {
  return { ok: false, code, httpStatus: 400, message, detail };
}

/** Observed: the token is not a three-part JWS with JSON header and claims. */
export const NOT_A_VALID_JWT =
  'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';

/** Observed (note AWS's double space after the comma): discovery or JWKS could not be used. */
export const COULD_NOT_RETRIEVE_KEY =
  "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";

/** Observed: no client ID of the provider is the token's audience. */
export const INCORRECT_AUDIENCE = 'Incorrect token audience';

/** Observed: the JWKS host's certificate is untrusted and matches none of the provider's thumbprints. */
export const THUMBPRINT_MISMATCH = "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint";

/** Observed: the token's issuer is not a registered provider (or not the one given). */
export function noProviderFound(issuer: string, detail: string): WebIdentityFailure {
  return failure('InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${issuer}`, detail);
}

export function notAValidJwt(detail: string): WebIdentityFailure {
  return failure('InvalidIdentityToken', NOT_A_VALID_JWT, detail);
}

/** Observed for `aud`: "Missing a required claim: aud". */
export function missingClaim(claim: string): WebIdentityFailure {
  return failure('InvalidIdentityToken', `Missing a required claim: ${claim}`, `token has no ${claim} claim`);
}

export function incorrectAudience(detail: string): WebIdentityFailure {
  return failure('InvalidIdentityToken', INCORRECT_AUDIENCE, detail);
}

export function couldNotRetrieveKey(detail: string): WebIdentityFailure {
  return failure('InvalidIdentityToken', COULD_NOT_RETRIEVE_KEY, detail);
}

export function thumbprintMismatch(detail: string): WebIdentityFailure {
  return failure('InvalidIdentityToken', THUMBPRINT_MISMATCH, detail);
}

/** Observed: "Token expired: current date/time 1731098245 must be before the expiration date/time 1731095240". */
export function tokenExpired(nowSeconds: number, exp: number): WebIdentityFailure {
  return failure(
    'ExpiredTokenException',
    `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${exp}`,
    `exp ${exp} plus the allowed clock skew is not after ${nowSeconds}`,
  );
}

/** podiam's wording: `nbf` is later than now plus the allowed clock skew. */
export function tokenNotYetValid(nowSeconds: number, nbf: number): WebIdentityFailure {
  return failure(
    'InvalidIdentityToken',
    `Token not yet valid: current date/time ${nowSeconds} must be after the not-before date/time ${nbf}`,
    `nbf ${nbf} is in the future`,
  );
}

/** podiam's wording: `iat` is later than now plus the allowed clock skew. */
export function tokenIssuedInFuture(nowSeconds: number, iat: number): WebIdentityFailure {
  return failure(
    'InvalidIdentityToken',
    `Token issued in the future: current date/time ${nowSeconds} must be after the issued-at date/time ${iat}`,
    `iat ${iat} is in the future`,
  );
}

/** podiam's wording: the header names an algorithm AWS does not accept (only RS/ES 256/384/512). */
export function unsupportedAlgorithm(alg: string): WebIdentityFailure {
  return failure('InvalidIdentityToken', `Unsupported token signing algorithm: ${alg}`, `alg ${alg} is not allowed`);
}

/** podiam's wording: a published key was found but the signature does not verify with it. */
export function invalidSignature(detail: string): WebIdentityFailure {
  return failure('InvalidIdentityToken', 'Invalid token signature', detail);
}

/** podiam's wording for a claim of the wrong type (AWS's text is not public). */
export function invalidClaim(claim: string, detail: string): WebIdentityFailure {
  return failure('InvalidIdentityToken', `Invalid value for claim: ${claim}`, detail);
}

/** Observed code and text for session tags STS cannot accept ("ValidationError: Unable to validate tags"). */
export function invalidSessionTags(detail: string): WebIdentityFailure {
  return failure('ValidationError', 'Unable to validate tags', detail);
}
