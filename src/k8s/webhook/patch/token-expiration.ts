// Projected token lifetimes, as upstream bounds them (pkg/constants.go).

/** Default `expirationSeconds` (24 hours, the EKS maximum). */
export const DEFAULT_TOKEN_EXPIRATION = 86_400;
/** Lower bound of the jitter given to a default lifetime in the container-credentials mode (22 hours). */
export const DEFAULT_MIN_TOKEN_EXPIRATION = 79_200;
/** kube-apiserver refuses a ServiceAccountTokenProjection shorter than 10 minutes. */
export const MIN_TOKEN_EXPIRATION = 600;

/** ValidateMinTokenExpiration: values below 600 seconds are raised to 600. */
export function floorTokenExpiration(seconds: number): number {
  return seconds < MIN_TOKEN_EXPIRATION ? MIN_TOKEN_EXPIRATION : seconds;
}

/** Picks an integer in [0, bound) (crypto.randomInt in production, fixed in tests). */
export type RandomInt = (bound: number) => number;

/**
 * addJitterToDefaultToken: a lifetime equal to the 86400-second default becomes a random value in
 * [79200, 86400], so that pods started together do not all refresh their tokens together.
 */
export function jitterDefaultTokenExpiration(seconds: number, randomInt: RandomInt): number {
  if (seconds !== DEFAULT_TOKEN_EXPIRATION) return seconds;
  return randomInt(DEFAULT_TOKEN_EXPIRATION - DEFAULT_MIN_TOKEN_EXPIRATION + 1) + DEFAULT_MIN_TOKEN_EXPIRATION;
}
