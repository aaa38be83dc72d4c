// Fetching an issuer's discovery document or JWKS through the injected fetch. Every failure here
// (unreachable, slow, non-200, not JSON, too large) is the same refusal in STS: IAM User Guide
// knowledge center, "resolve the AssumeRoleWithWebIdentity error InvalidIdentityToken": STS answers
// "Couldn't retrieve verification key" when the .well-known URL or jwks_uri is unreachable or takes
// more than 5 seconds.
import { checkFetchUrl } from './provider-url.ts';

/** TLS facts a fetch reports for https responses whose certificate was not checked against the trust store. */
export interface TlsFacts {
  /** True when the chain verified against the trust store and the host name matched. */
  readonly trusted: boolean;
  /** SHA-1 of each certificate as presented, leaf first, lower-case hex. */
  readonly chainSha1: readonly string[];
}

/** The response shape the verifier needs; a standard `Response` also works. */
export interface OidcHttpResponse {
  readonly status: number;
  readonly headers: Headers | Readonly<Record<string, string | undefined>>;
  readonly body: string;
  readonly tls?: TlsFacts;
}

/** The fetch the verifier is built with: the standard `fetch`, or anything returning `OidcHttpResponse`. */
export type OidcFetch = (url: string, init: { readonly signal: AbortSignal }) => Promise<OidcHttpResponse | Response>;

export interface FetchedDocument {
  readonly json: unknown;
  readonly cacheControl: string | undefined;
  readonly tls: TlsFacts | undefined;
}

export type FetchDocumentResult = { readonly ok: true; readonly value: FetchedDocument } | { readonly ok: false; readonly reason: string };

export interface FetchLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

function headerValue(headers: OidcHttpResponse['headers'], name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

function isStandardResponse(response: OidcHttpResponse | Response): response is Response {
  return typeof (response as Response).text === 'function';
}

async function withTimeout<T>(timeoutMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** GETs a JSON document, refusing URLs outside the fetch policy, redirects and anything but 200. */
export async function fetchDocument(fetch: OidcFetch, rawUrl: string, limits: FetchLimits): Promise<FetchDocumentResult> {
  const checked = checkFetchUrl(rawUrl);
  if (!checked.ok) return { ok: false, reason: checked.reason };
  try {
    return await withTimeout(limits.timeoutMs, async (signal) => {
      const response = await fetch(checked.url.href, { signal });
      // A standard fetch follows redirects by default; a redirect could leave the URL policy, so refuse it.
      if (isStandardResponse(response) && response.redirected) return { ok: false, reason: `GET ${rawUrl} was redirected` } as const;
      if (response.status !== 200) return { ok: false, reason: `GET ${rawUrl} answered ${response.status}` } as const;
      const body = isStandardResponse(response) ? await response.text() : response.body;
      if (body.length > limits.maxBytes) return { ok: false, reason: `GET ${rawUrl} returned more than ${limits.maxBytes} bytes` } as const;
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return { ok: false, reason: `GET ${rawUrl} did not return JSON` } as const;
      }
      const tls = isStandardResponse(response) ? undefined : response.tls;
      return { ok: true, value: { json, cacheControl: headerValue(response.headers, 'cache-control'), tls } } as const;
    });
  } catch (error) {
    return { ok: false, reason: `GET ${rawUrl} failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
