// The agent's HTTP shell: node:http in front of the handlers. One request lifecycle: route, answer
// (synchronously on cache hits), write, then one log line naming the pod and one metrics update.
// Routes: /healthz (ready only after the watches synced), /metrics (on the metrics listener),
// /v1/credentials (container credentials), everything else instance metadata.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { normaliseIp, type PodView } from '../pods/pod-view.ts';
import type { Handler } from '../imds/metadata-handler.ts';
import type { AgentMetrics } from '../observe/agent-metrics.ts';
import { CONTAINER_CREDENTIALS_PATH } from '../container/container-credentials-handler.ts';
import { textResponse, type AgentRequest, type AgentResponse } from './agent-request.ts';

/** What the server serves. */
export interface AgentServerOptions {
  readonly metadata: Handler;
  readonly container: Handler;
  readonly ready: () => boolean;
  readonly metrics: AgentMetrics;
  /** Serve /metrics on this listener. */
  readonly serveMetrics: boolean;
  /** Serve the credential endpoints on this listener (false for a separate metrics port). */
  readonly serveCredentials: boolean;
  readonly log: Logger;
}

/** Answers one request (exported for in-process tests). */
export function route(options: AgentServerOptions, req: AgentRequest): AgentResponse | Promise<AgentResponse> {
  const q = req.target.indexOf('?');
  const path = q < 0 ? req.target : req.target.slice(0, q);
  if (path === '/healthz') {
    return options.ready() ? textResponse(200, 'ok', { handler: 'health' }) : textResponse(503, 'pod cache not synced', { handler: 'health' });
  }
  if (path === '/metrics' && options.serveMetrics) {
    return options.metrics.render().then((m) => ({ status: 200, headers: { 'content-type': m.contentType }, body: m.body, facts: { handler: 'metrics' } }));
  }
  if (!options.serveCredentials) return textResponse(404, 'Not Found', { handler: 'not-found' });
  if (path === CONTAINER_CREDENTIALS_PATH) return options.container(req);
  return options.metadata(req);
}

/** Creates the node:http server. */
export function createAgentServer(options: AgentServerOptions): http.Server {
  // One child logger per pod object: pino serialises a child's bindings once, so the pod's name and
  // UID cost nothing per answer.
  const podLoggers = new WeakMap<PodView, Logger>();
  const loggerFor = (pod: PodView | undefined): Logger => {
    if (pod === undefined) return options.log;
    let child = podLoggers.get(pod);
    if (child === undefined) podLoggers.set(pod, (child = options.log.child({ pod: `${pod.namespace}/${pod.name}`, podUid: pod.uid })));
    return child;
  };
  const server = http.createServer({ keepAliveTimeout: 65_000, requestTimeout: 30_000 }, (req, res) => {
    const started = performance.now();
    const request: AgentRequest = {
      method: req.method ?? 'GET',
      target: req.url ?? '/',
      headers: req.headers,
      clientIp: normaliseIp(req.socket.remoteAddress ?? ''),
    };
    // Bodies are never read; drain them so keep-alive connections stay usable.
    if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) req.resume();
    let answer: AgentResponse | Promise<AgentResponse>;
    try {
      answer = route(options, request);
    } catch (err) {
      answer = textResponse(500, 'Internal Server Error', { handler: 'not-found', reason: 'handler threw', detail: String(err) });
    }
    if (answer instanceof Promise) {
      answer.then(
        (a) => send(options, loggerFor, request, res, a, started),
        (err: unknown) => send(options, loggerFor, request, res, textResponse(500, 'Internal Server Error', { handler: 'not-found', reason: 'handler failed', detail: String(err) }), started),
      );
    } else {
      send(options, loggerFor, request, res, answer, started);
    }
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  return server;
}

function send(options: AgentServerOptions, loggerFor: (pod: PodView | undefined) => Logger, req: AgentRequest, res: http.ServerResponse, answer: AgentResponse, started: number): void {
  const body = req.method === 'HEAD' ? undefined : answer.body;
  const length = typeof answer.body === 'string' ? Buffer.byteLength(answer.body) : answer.body.length;
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(length) });
  res.end(body);
  const facts = answer.facts;
  if (facts.handler === 'health' || facts.handler === 'metrics') return;
  options.metrics.requests.inc({ handler: facts.handler, code: answer.status, role: facts.role ?? '' });
  if (facts.cache !== undefined) options.metrics.cacheLookups.inc({ result: facts.cache });
  const entry = {
    ip: req.clientIp,
    method: req.method,
    path: req.target,
    status: answer.status,
    handler: facts.handler,
    role: facts.role,
    cache: facts.cache,
    reason: facts.reason,
    detail: facts.detail,
    ms: Math.round((performance.now() - started) * 1000) / 1000,
  };
  const log = loggerFor(facts.pod);
  if (answer.status >= 500) log.warn(entry, 'answer');
  else log.info(entry, 'answer');
}

/** Listens and resolves with the bound port. */
export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
