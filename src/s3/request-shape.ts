// Which requests are S3's (DESIGN.md: "S3 by its REST shape"): a SigV4 credential scope naming `s3`
// (Authorization header or presigned X-Amz-Credential); or, unsigned, a virtual-hosted bucket host
// or a path-style path. The Query/JSON door takes the rest: X-Amz-Target, other scopes, and unsigned
// `POST /` forms or `GET /?Action=` — which S3 never claims, so the two doors never overlap.
import type { IncomingMessage } from 'node:http';
import { virtualHostBucket } from './addressing.ts';

/** The service and region of a request's SigV4 credential, if it carries one. */
export function signingScope(req: IncomingMessage): { service: string; region: string } | undefined {
  const auth = req.headers.authorization;
  let credential: string | undefined;
  if (auth !== undefined) credential = /Credential=([^,\s]+)/.exec(auth)?.[1];
  else {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    if (q >= 0) credential = new URLSearchParams(url.slice(q + 1)).get('X-Amz-Credential') ?? undefined;
  }
  if (credential === undefined) return undefined;
  const parts = credential.split('/');
  if (parts.length < 5) return { service: '', region: '' };
  return { region: parts[parts.length - 3] ?? '', service: parts[parts.length - 2] ?? '' };
}

/** True when the request is S3's to answer. */
export function isS3Request(req: IncomingMessage): boolean {
  if (req.headers['x-amz-target'] !== undefined) return false;
  const scope = signingScope(req);
  if (scope !== undefined) return scope.service === 's3';
  if (virtualHostBucket(req.headers.host) !== undefined) return true;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (path === '/') return (req.method === 'GET' || req.method === 'HEAD') && !/[?&]Action=/.test(url);
  return !path.startsWith('/_podiam/');
}
