// The HTTP shell of `podiam serve`: request IDs, body limits, routing to the front doors, health,
// structured logs, and draining in-flight requests on shutdown.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { WireResponse } from '../aws/index.ts';
import type { ServerMetrics } from './server-metrics.ts';

/** A front door: claims requests by their shape and answers them. */
export interface FrontDoor {
  readonly name: string;
  /** True when this door serves the request. */
  claims(req: IncomingMessage): boolean;
  /** Answers with a complete response (bodies read by the shell up to `maxBody`), or streams itself. */
  handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<WireResponse | 'streamed'>;
}

/** Reads a request body up to a limit; undefined when it is larger (the rest is discarded). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.once('end', () => resolve(tooLarge ? undefined : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function send(res: ServerResponse, response: WireResponse, head: boolean): void {
  res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
  res.end(head ? undefined : response.body);
}

/** The server's own paths: `_` cannot start a bucket name, so these never shadow an S3 address. */
const HEALTH_PATH = '/_podiam/health';
const METRICS_PATH = '/_podiam/metrics';

/** What the shell needs besides its doors. */
export interface HttpServerOptions {
  readonly logger: Logger;
  /** True once the server is ready: gates the health endpoint. */
  readonly isReady: () => boolean;
  readonly metrics: ServerMetrics;
}

/** Creates the server. */
export function createHttpServer(doors: readonly FrontDoor[], options: HttpServerOptions): Server {
  const { logger, isReady, metrics } = options;
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 300_000 }, (req, res) => {
    const requestId = randomUUID();
    const started = process.hrtime.bigint();
    let doorName = 'none';
    res.setHeader('x-amzn-requestid', requestId);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeRequest(doorName, res.statusCode, seconds);
      logger.info({ requestId, method: req.method, url: req.url?.split('?')[0], status: res.statusCode, ms: seconds * 1e3 }, 'request');
    });
    if (req.url === HEALTH_PATH) {
      doorName = 'health';
      const ok = isReady();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ok ? 'ok' : 'starting' }));
      return;
    }
    if (req.url === METRICS_PATH && req.method === 'GET') {
      doorName = 'metrics';
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        (err: unknown) => {
          logger.error({ requestId, err }, 'metrics could not be collected');
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected');
        },
      );
      return;
    }
    const door = doors.find((d) => d.claims(req));
    if (door !== undefined) doorName = door.name;
    if (door === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'no podiam service answers this path', requestId }));
      return;
    }
    door.handle(req, res, requestId).then(
      (response) => {
        if (response !== 'streamed') send(res, response, req.method === 'HEAD');
      },
      (err: unknown) => {
        logger.error({ requestId, err }, 'front door failed');
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('internal error');
        } else res.destroy();
      },
    );
  });
  return server;
}

/** Stops accepting connections and waits for in-flight requests (idle keep-alive sockets are closed). */
export async function drain(server: Server, timeoutMs: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, timeoutMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
