// Test support: an OIDC issuer on 127.0.0.1 (ephemeral port) serving a discovery document and a JWKS
// with node:http, whose keys, headers and failures a test controls, and which counts its requests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackIssuerState {
  keys: unknown[];
  cacheControl: string | undefined;
  jwksStatus: number;
  discoveryOverride: Record<string, unknown> | undefined;
}

export interface LoopbackIssuer {
  /** The `iss` value: http://127.0.0.1:<port><path>. */
  readonly issuer: string;
  /** The provider URL as IAM stores it (no scheme). */
  readonly providerUrl: string;
  readonly state: LoopbackIssuerState;
  readonly requests: { discovery: number; jwks: number };
  close(): Promise<void>;
}

/** Starts an issuer at http://127.0.0.1:<ephemeral>/<path>. */
export async function startLoopbackIssuer(path = '/oidc/demo'): Promise<LoopbackIssuer> {
  const state: LoopbackIssuerState = { keys: [], cacheControl: 'public, max-age=3600', jwksStatus: 200, discoveryOverride: undefined };
  const requests = { discovery: 0, jwks: 0 };
  let issuer = '';
  const server: Server = createServer((request, response) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (state.cacheControl !== undefined) headers['cache-control'] = state.cacheControl;
    if (request.url === `${path}/.well-known/openid-configuration`) {
      requests.discovery += 1;
      response.writeHead(200, headers).end(
        JSON.stringify({
          issuer,
          jwks_uri: `${issuer}/openid/v1/jwks`,
          response_types_supported: ['id_token'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          ...state.discoveryOverride,
        }),
      );
    } else if (request.url === `${path}/openid/v1/jwks`) {
      requests.jwks += 1;
      if (state.jwksStatus !== 200) response.writeHead(state.jwksStatus).end('unavailable');
      else response.writeHead(200, headers).end(JSON.stringify({ keys: state.keys }));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  issuer = `http://127.0.0.1:${port}${path}`;
  return {
    issuer,
    providerUrl: `127.0.0.1:${port}${path}`,
    state,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
