// IAM OIDC provider URLs and the issuer values they accept.
// IAM User Guide, "Create an OpenID Connect (OIDC) identity provider in IAM": the URL is case-sensitive,
// begins with https://, may have a path but no query; IAM stores it without the scheme, and that stored
// form is the prefix of the provider's condition keys (`<url>:sub`, `<url>:aud`). podiam also accepts
// http:// and explicit ports for loopback hosts, for tests and local development only.

/** A registered provider URL, parsed once. */
export interface ProviderUrl {
  /** The URL without its scheme: IAM's stored form and the condition-key prefix. */
  readonly keyPrefix: string;
  /** The `iss` values a token from this provider may carry (exact, case-sensitive). */
  readonly acceptedIssuers: readonly string[];
  readonly loopback: boolean;
}

export type ProviderUrlResult = { readonly ok: true; readonly value: ProviderUrl } | { readonly ok: false; readonly reason: string };

/** True for localhost, 127.0.0.0/8 and ::1: the only hosts podiam reaches over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '::1' || host === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** Splits `host[:port]` from the rest of a scheme-less URL. */
function hostOf(withoutScheme: string): string {
  const slash = withoutScheme.indexOf('/');
  return slash === -1 ? withoutScheme : withoutScheme.slice(0, slash);
}

function hostnameAndPort(authority: string): { hostname: string; port: string | undefined } {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    const rest = authority.slice(close + 1);
    return { hostname: authority.slice(0, close + 1), port: rest.startsWith(':') ? rest.slice(1) : undefined };
  }
  const colon = authority.lastIndexOf(':');
  return colon === -1
    ? { hostname: authority, port: undefined }
    : { hostname: authority.slice(0, colon), port: authority.slice(colon + 1) };
}

/** Parses a provider URL as IAM stores it (`host/path`) or as written with its scheme. */
export function parseProviderUrl(url: string): ProviderUrlResult {
  const schemeMatch = /^(https?):\/\//i.exec(url);
  const scheme = schemeMatch?.[1]?.toLowerCase();
  const keyPrefix = schemeMatch === null ? url : url.slice(schemeMatch[0].length);
  if (keyPrefix.length === 0) return { ok: false, reason: 'empty provider URL' };
  if (/[?#\s]/.test(keyPrefix)) return { ok: false, reason: 'provider URL may not contain a query, fragment or space' };
  const authority = hostOf(keyPrefix);
  if (authority.includes('@')) return { ok: false, reason: 'provider URL may not contain user info' };
  const { hostname, port } = hostnameAndPort(authority);
  if (hostname.length === 0) return { ok: false, reason: 'provider URL has no host' };
  const loopback = isLoopbackHost(hostname);
  if (port !== undefined && !loopback) return { ok: false, reason: 'explicit ports are allowed only on loopback hosts' };
  if (port !== undefined && !/^\d{1,5}$/.test(port)) return { ok: false, reason: 'invalid port' };
  if (scheme === 'http' && !loopback) return { ok: false, reason: 'http is allowed only on loopback hosts' };
  const acceptedIssuers =
    scheme !== undefined
      ? [`${scheme}://${keyPrefix}`]
      : loopback
        ? [`https://${keyPrefix}`, `http://${keyPrefix}`]
        : [`https://${keyPrefix}`];
  return { ok: true, value: { keyPrefix, acceptedIssuers, loopback } };
}

/** The URL a fetch may go to: https anywhere (default port), http and explicit ports only on loopback. */
export function checkFetchUrl(raw: string): { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly reason: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `not a URL: ${raw}` };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'URL may not contain user info' };
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:' && !loopback) return { ok: false, reason: `http is allowed only on loopback hosts: ${raw}` };
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `unsupported scheme: ${raw}` };
  if (url.port !== '' && !loopback) return { ok: false, reason: `explicit ports are allowed only on loopback hosts: ${raw}` };
  return { ok: true, url };
}

/** The discovery document URL of an issuer (OpenID Connect Discovery 1.0, section 4). */
export function discoveryUrlOf(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/** The IAM provider URL (scheme-less) a token's `iss` would be registered under. */
export function providerUrlForIssuer(issuer: string): string {
  return issuer.replace(/^https?:\/\//i, '');
}
