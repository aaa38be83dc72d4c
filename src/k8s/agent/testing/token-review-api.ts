// Test support: TokenReview (authentication.k8s.io/v1) in front of the shared fake API server, which
// does not serve it. Everything else is passed through unchanged (list/watch streams included), so the
// agent's real @kubernetes/client-node calls reach the fake server. TokenReview is answered as
// kube-apiserver's service-account authenticator does: the signature and expiry are checked against
// the test issuer's key, the requested audiences must intersect the token's (status.audiences is the
// intersection), a pod-bound token is only valid while a pod with that name and UID exists, and the
// user carries `authentication.kubernetes.io/pod-name|pod-uid` extras.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { generateSigningKey, mintServiceAccountToken, type ServiceAccountSigningKey } from '../../../oidc/index.ts';
import type { FakeApiServer } from '../../testing/index.ts';

/** The front and its token minting. */
export interface TokenReviewApi {
  /** `http://127.0.0.1:<port>`: point kubeconfigs here. */
  readonly url: string;
  /** TokenReviews answered. */
  readonly reviews: number;
  /** A projected service-account token bound to the pod (as kubelet requests it). */
  mintPodToken(pod: { namespace: string; name: string; uid: string; serviceAccount: string; node?: string }, audiences: readonly string[], expirationSeconds?: number): Promise<string>;
  close(): Promise<void>;
}

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const REVIEW_PATH = '/apis/authentication.k8s.io/v1/tokenreviews';

/** Starts the front on 127.0.0.1. */
export async function startTokenReviewApi(api: FakeApiServer): Promise<TokenReviewApi> {
  const key: ServiceAccountSigningKey = await generateSigningKey();
  const target = new URL(api.url);
  let reviews = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && (req.url ?? '').split('?')[0] === REVIEW_PATH) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        reviews++;
        void review(Buffer.concat(chunks).toString('utf8')).then((body) => {
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        });
      });
      return;
    }
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });

  async function review(text: string): Promise<unknown> {
    const request = JSON.parse(text) as { spec?: { token?: string; audiences?: string[] } };
    const token = request.spec?.token ?? '';
    const wanted = request.spec?.audiences ?? [];
    const base = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: { creationTimestamp: null }, spec: request.spec };
    const refuse = (error: string) => ({ ...base, status: { authenticated: false, error, user: {} } });
    try {
      const { payload } = await jwtVerify(token, key.publicKey, { issuer: ISSUER, algorithms: ['RS256'] });
      const aud = Array.isArray(payload.aud) ? payload.aud : payload.aud === undefined ? [] : [payload.aud];
      const audiences = wanted.length === 0 ? aud : wanted.filter((a) => aud.includes(a));
      if (audiences.length === 0) return refuse('[invalid bearer token, token audiences ["' + aud.join('","') + '"] is invalid for the target audiences ["' + wanted.join('","') + '"]]');
      const k = payload['kubernetes.io'] as { namespace: string; serviceaccount: { name: string }; pod?: { name: string; uid: string }; node?: { name: string } };
      const extra: Record<string, string[]> = {};
      if (k.pod !== undefined) {
        const pod = api.get('pods', k.namespace, k.pod.name);
        if (pod === undefined || pod.metadata.uid !== k.pod.uid) return refuse('[invalid bearer token, pod does not exist or was recreated]');
        extra['authentication.kubernetes.io/pod-name'] = [k.pod.name];
        extra['authentication.kubernetes.io/pod-uid'] = [k.pod.uid];
      }
      if (k.node !== undefined) extra['authentication.kubernetes.io/node-name'] = [k.node.name];
      if (typeof payload.jti === 'string') extra['authentication.kubernetes.io/credential-id'] = [`JTI=${payload.jti}`];
      return {
        ...base,
        status: {
          authenticated: true,
          audiences,
          user: {
            username: `system:serviceaccount:${k.namespace}:${k.serviceaccount.name}`,
            uid: randomUUID(),
            groups: ['system:serviceaccounts', `system:serviceaccounts:${k.namespace}`, 'system:authenticated'],
            extra,
          },
        },
      };
    } catch (err) {
      return refuse(`[invalid bearer token, ${String(err)}]`);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get reviews() {
      return reviews;
    },
    async mintPodToken(pod, audiences, expirationSeconds = 3600) {
      const minted = await mintServiceAccountToken({
        issuer: ISSUER,
        key,
        namespace: pod.namespace,
        serviceAccount: pod.serviceAccount,
        audiences,
        expirationSeconds,
        pod: { name: pod.name, uid: pod.uid },
        ...(pod.node === undefined ? {} : { node: { name: pod.node, uid: `node-${pod.node}` } }),
        now: Date.now(),
        jti: randomUUID(),
      });
      return minted.token;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
