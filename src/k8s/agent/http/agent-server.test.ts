import http from 'node:http';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentMetrics } from '../observe/agent-metrics.ts';
import { textResponse, type AgentRequest } from './agent-request.ts';
import { createAgentServer, listen, route, type AgentServerOptions } from './agent-server.ts';

function options(overrides: Partial<AgentServerOptions> = {}): AgentServerOptions {
  return {
    metadata: (req) => textResponse(200, `metadata ${req.target} from ${req.clientIp}`, { handler: 'metadata-proxy' }),
    container: () => textResponse(200, 'container', { handler: 'container-credentials' }),
    ready: () => true,
    metrics: new AgentMetrics(),
    serveMetrics: true,
    serveCredentials: true,
    log: pino({ level: 'silent' }),
    ...overrides,
  };
}

const req = (target: string): AgentRequest => ({ method: 'GET', target, headers: {}, clientIp: '10.0.0.1' });
const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

describe('agent HTTP routes: /healthz, /metrics, /v1/credentials, instance metadata', () => {
  it('/healthz answers 503 until the caches synced, then 200', async () => {
    let ready = false;
    const o = options({ ready: () => ready });
    expect((await route(o, req('/healthz'))).status).toBe(503);
    ready = true;
    expect((await route(o, req('/healthz'))).status).toBe(200);
  });

  it('routes /v1/credentials to container credentials and the rest to instance metadata', async () => {
    const o = options();
    expect((await route(o, req('/v1/credentials'))).body).toBe('container');
    expect((await route(o, req('/latest/meta-data/instance-id'))).body).toContain('metadata /latest/meta-data/instance-id');
  });

  it('with a separate metrics port, that listener serves only /metrics and /healthz', async () => {
    const side = options({ serveCredentials: false });
    expect((await route(side, req('/metrics'))).status).toBe(200);
    expect((await route(side, req('/latest/meta-data/iam/security-credentials/'))).status).toBe(404);
    const app = options({ serveMetrics: false });
    expect((await route(app, req('/metrics'))).body).toContain('metadata /metrics');
  });

  it('over a socket: the client address, HEAD without body, and content-length', async () => {
    const server = createAgentServer(options());
    servers.push(server);
    const port = await listen(server, 0, '127.0.0.1');
    const get = (method: string) =>
      new Promise<{ status: number; body: string; length: string | undefined }>((resolve, reject) => {
        http
          .request({ host: '127.0.0.1', port, path: '/latest/meta-data/x', method, localAddress: '127.0.0.42', agent: false }, (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body, length: res.headers['content-length'] }));
          })
          .on('error', reject)
          .end();
      });
    const g = await get('GET');
    expect(g.body).toBe('metadata /latest/meta-data/x from 127.0.0.42');
    expect(g.length).toBe(String(g.body.length));
    const h = await get('HEAD');
    expect(h.body).toBe('');
    expect(h.length).toBe(String(g.body.length));
  });
});
