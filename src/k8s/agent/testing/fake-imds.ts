// Test support: a stand-in for the node's real instance metadata service (IMDSv2 required), recording
// what the agent forwards so tests can check that pods' headers never reach it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake IMDS received. */
export interface ImdsRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
}

/** The running fake. */
export interface FakeImds {
  /** `127.0.0.1:<port>`, for `--metadata-addr`. */
  readonly address: string;
  readonly requests: ImdsRequest[];
  close(): Promise<void>;
}

const TOKEN = 'fake-imds-session-token';


/** Starts the fake on 127.0.0.1; `documents` add or (with undefined) remove paths. */
export async function startFakeImds(documents: Record<string, string | undefined> = {}): Promise<FakeImds> {
  const docs: Record<string, string | undefined> = {
    '/latest/meta-data/instance-id': 'i-0123456789abcdef0',
    '/latest/meta-data/placement/region': 'us-east-1',
    '/latest/meta-data/local-ipv4': '10.0.0.10',
    '/latest/user-data': '#!/bin/sh\nexport DB_PASSWORD=node-secret\n',
    '/latest/meta-data/iam/info': JSON.stringify({ Code: 'Success', InstanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/kube2iam-node', InstanceProfileId: 'AIPAEXAMPLE' }),
    '/latest/meta-data/iam/security-credentials/': 'kube2iam-node',
    '/latest/meta-data/iam/security-credentials/kube2iam-node': JSON.stringify({ Code: 'Success', AccessKeyId: 'ASIANODE', SecretAccessKey: 'node-secret', Token: 'node-token' }),
    ...documents,
  };
  const requests: ImdsRequest[] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    if (path === '/latest/api/token') {
      if (req.method !== 'PUT' || req.headers['x-forwarded-for'] !== undefined) return void res.writeHead(req.method !== 'PUT' ? 405 : 403).end();
      res.writeHead(200, { 'x-aws-ec2-metadata-token-ttl-seconds': String(req.headers['x-aws-ec2-metadata-token-ttl-seconds'] ?? '') });
      return void res.end(TOKEN);
    }
    if (req.headers['x-aws-ec2-metadata-token'] !== TOKEN) return void res.writeHead(401).end();
    const doc = docs[path];
    if (doc === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(doc);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
