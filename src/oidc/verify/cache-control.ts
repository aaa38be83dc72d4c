// How long a fetched discovery document or JWKS may be reused: the issuer's Cache-Control max-age,
// kept within bounds so that a misconfigured issuer can neither make podiam refetch on every request
// nor pin a key set for days. Kubernetes serves both documents with "public, max-age=3600".

export interface CacheBounds {
  readonly defaultSeconds: number;
  readonly minSeconds: number;
  readonly maxSeconds: number;
}

export const DEFAULT_CACHE_BOUNDS: CacheBounds = { defaultSeconds: 3600, minSeconds: 60, maxSeconds: 86_400 };

/** Seconds to keep a response, from its Cache-Control header value (absent or unparsable: the default). */
export function cacheLifetimeSeconds(cacheControl: string | undefined, bounds: CacheBounds): number {
  if (cacheControl === undefined) return bounds.defaultSeconds;
  const directives = cacheControl.toLowerCase().split(',').map((part) => part.trim());
  if (directives.some((directive) => directive === 'no-store' || directive === 'no-cache')) return bounds.minSeconds;
  for (const directive of directives) {
    const match = /^max-age\s*=\s*"?(\d+)"?$/.exec(directive);
    if (match?.[1] !== undefined) {
      return Math.min(bounds.maxSeconds, Math.max(bounds.minSeconds, Number(match[1])));
    }
  }
  return bounds.defaultSeconds;
}
