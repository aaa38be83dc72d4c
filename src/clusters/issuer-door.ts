// The issuer endpoints of podiam's clusters, unauthenticated as an issuer's must be:
// GET <issuer>/.well-known/openid-configuration and GET <issuer>/openid/v1/jwks, with kube-apiserver's
// content types and "Cache-Control: public, max-age=3600" (Kubernetes Documentation, "Managing Service
// Accounts", Service account issuer discovery). The issuer is `<public base URL>/oidc/<name>`; the path is
// matched by its tail, so a load balancer may forward it with or without the base URL's own path.
// Unknown clusters and external issuers get 404.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WireResponse } from '../aws/index.ts';
import { JWKS_PATH, OPENID_CONFIGURATION_PATH, discoveryResponseHeaders, jwksResponseHeaders } from '../oidc/index.ts';
import type { Store } from '../store/index.ts';
import { IssuerDocuments } from './issuer-documents.ts';

const ISSUER_PATH = new RegExp(`^(?:/[^?]*)?/oidc/([0-9A-Za-z][A-Za-z0-9_-]*)(${OPENID_CONFIGURATION_PATH.replace(/\./g, '\\.')}|${JWKS_PATH})$`);

/** The front door (structurally src/server's FrontDoor) of the cluster issuers. */
export interface IssuerDoor {
  readonly name: string;
  claims(req: IncomingMessage): boolean;
  handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<WireResponse>;
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

const notFound = (requestId: string): WireResponse => ({
  status: 404,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: 'no such issuer', requestId }),
});

/** The door over the rendered documents. */
export function createIssuerDoor(documents: IssuerDocuments): IssuerDoor {
  return {
    name: 'oidc-issuer',
    claims: (req) => (req.method === 'GET' || req.method === 'HEAD') && ISSUER_PATH.test(pathOf(req)),
    async handle(req, _res, requestId) {
      const match = ISSUER_PATH.exec(pathOf(req));
      const name = match?.[1];
      if (match === null || name === undefined) return notFound(requestId);
      const issuer = await documents.lookup(name);
      if (issuer === undefined) return notFound(requestId);
      return match[2] === JWKS_PATH
        ? { status: 200, headers: { ...lower(jwksResponseHeaders()) }, body: issuer.jwks }
        : { status: 200, headers: { ...lower(discoveryResponseHeaders()) }, body: issuer.discovery };
    },
  };
}

function lower(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The issuer door of a server: documents rendered from `store`, re-read when the snapshot's revision moves. */
export function clusterIssuerDoor(store: Pick<Store, 'read'>, holder: { readonly current: { readonly revision: number } }): IssuerDoor {
  return createIssuerDoor(new IssuerDocuments({ store, revision: () => holder.current.revision, now: () => new Date() }));
}
