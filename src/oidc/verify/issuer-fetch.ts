// The fetch podiam uses to reach real issuers: node:https with certificate verification, reporting the
// presented chain so that the verifier can apply IAM's thumbprint fallback ("Obtain the thumbprint for an
// OpenID Connect identity provider": the trusted-CA check comes first; thumbprints pin the top
// intermediate CA only for certificates no trusted CA signed). The host name must match the certificate
// in every case. Plain http is for loopback issuers (the URL policy refuses it elsewhere). Redirects are
// not followed.
import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkServerIdentity, rootCertificates, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import type { OidcFetch, OidcHttpResponse, TlsFacts } from './fetch-document.ts';

export interface IssuerFetchOptions {
  /** Extra trusted roots (PEM), added to Node's bundled roots. */
  readonly extraCa?: readonly string[];
  readonly maxBytes?: number;
}

function presentedChain(leaf: DetailedPeerCertificate): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  let certificate: DetailedPeerCertificate | undefined = leaf;
  while (certificate !== undefined && certificate.raw !== undefined) {
    const sha1 = createHash('sha1').update(certificate.raw).digest('hex');
    if (seen.has(sha1)) break;
    seen.add(sha1);
    chain.push(sha1);
    certificate = certificate.issuerCertificate;
  }
  return chain;
}

function headersOf(response: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(response.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

/** A fetch for issuer documents that verifies TLS and reports the chain for thumbprint checks. */
export function createIssuerFetch(options: IssuerFetchOptions = {}): OidcFetch {
  const ca = options.extraCa === undefined ? undefined : [...rootCertificates, ...options.extraCa];
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  return (url, init) =>
    new Promise<OidcHttpResponse>((resolve, reject) => {
      const target = new URL(url);
      const https = target.protocol === 'https:';
      const send = https ? httpsRequest : httpRequest;
      const request = send(
        target,
        {
          method: 'GET',
          headers: { accept: 'application/json' },
          signal: init.signal,
          agent: false,
          ...(https ? { rejectUnauthorized: false, ca } : {}),
        },
        (response) => {
          let tls: TlsFacts | undefined;
          if (https) {
            const socket = response.socket as TLSSocket;
            const leaf = socket.getPeerCertificate(true);
            const hostError = checkServerIdentity(target.hostname.replace(/^\[|\]$/g, ''), leaf);
            if (hostError !== undefined) {
              response.destroy();
              reject(hostError);
              return;
            }
            tls = { trusted: socket.authorized, chainSha1: presentedChain(leaf) };
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              response.destroy(new Error(`response larger than ${maxBytes} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', reject);
          response.on('end', () => {
            resolve({
              status: response.statusCode ?? 0,
              headers: headersOf(response),
              body: Buffer.concat(chunks).toString('utf8'),
              ...(tls === undefined ? {} : { tls }),
            });
          });
        },
      );
      request.on('error', reject);
      request.end();
    });
}
