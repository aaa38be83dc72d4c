// IAM User Guide, "Obtain the thumbprint for an OpenID Connect identity provider": AWS verifies the
// JWKS endpoint's certificate against its library of trusted root CAs, and only when the certificate
// is not signed by one of them does it use the provider's thumbprints: the SHA-1 of the top intermediate
// CA certificate, which is the last certificate the server presents (40 hex digits).
import type { TlsFacts } from './fetch-document.ts';

/** A thumbprint as IAM stores it: 40 hex digits, compared case-insensitively (colons tolerated). */
export function normalizeThumbprint(thumbprint: string): string {
  return thumbprint.replaceAll(':', '').toLowerCase();
}

/** Whether a fetch's certificate is acceptable: trusted by the store, or pinned by a provider thumbprint. */
export function certificateAccepted(
  tls: TlsFacts | undefined,
  thumbprints: readonly string[],
): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
  if (tls === undefined || tls.trusted) return { ok: true };
  const top = tls.chainSha1.at(-1);
  if (top === undefined) return { ok: false, reason: 'untrusted certificate and no chain presented' };
  const pinned = new Set(thumbprints.map(normalizeThumbprint));
  return pinned.has(normalizeThumbprint(top))
    ? { ok: true }
    : { ok: false, reason: `untrusted certificate chain ends in ${top}, not a configured thumbprint` };
}
