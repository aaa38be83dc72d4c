// The webhook's HTTP surface, as upstream lays it out: `/mutate` and `/healthz` on the HTTPS port,
// `/metrics` (and `/healthz`, `/readyz`) on the plain-HTTP metrics port.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { decodeAdmissionReview, encodeAdmissionReview } from './admission-review.ts';
import { admitPod, type AdmissionReport, type AdmitPodDeps } from './admit-pod.ts';
import type { WebhookMetrics } from './metrics.ts';

/** What the handlers need. */
export interface WebhookHandlerDeps {
  readonly admit: AdmitPodDeps;
  readonly metrics: WebhookMetrics;
  readonly logger: Logger;
  /** Whether the ServiceAccount informer has synced. */
  readonly ready: () => boolean;
}

// The API server sends AdmissionReviews of a few kilobytes; refuse anything absurd.
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** The HTTPS port's request handler. */
export function createWebhookHandler(deps: WebhookHandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'https://webhook').pathname;
    if (path === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok');
    if (path !== '/mutate') return void plainError(res, 404, '404 page not found');
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      deps.metrics.observeRequest(req.method ?? 'GET', path, res.statusCode, Number(process.hrtime.bigint() - started) / 1000);
    });
    void mutate(req, res, deps).catch((error: unknown) => {
      deps.logger.error({ err: error }, 'mutate failed');
      if (!res.headersSent) plainError(res, 500, `could not encode response: ${String(error)}`);
      else res.end();
    });
  };
}

async function mutate(req: IncomingMessage, res: ServerResponse, deps: WebhookHandlerDeps): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return plainError(res, 413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  // Upstream accepts exactly this Content-Type (what the API server sends).
  const contentType = req.headers['content-type'];
  if (contentType !== 'application/json') {
    deps.logger.error({ contentType }, 'Content-Type is not application/json');
    return plainError(res, 415, 'Invalid Content-Type, expected `application/json`');
  }
  const review = decodeAdmissionReview(Buffer.concat(chunks).toString('utf8'));
  if (!review.ok) {
    deps.logger.error({ error: review.message }, "can't decode AdmissionReview");
    return json(res, encodeAdmissionReview(review.apiVersion, review.kind, review.uid, { allowed: false, status: { message: review.message } }));
  }
  const decision = await admitPod(review.request, deps.admit);
  deps.metrics.recordAdmission(decision.report);
  logReport(deps.logger, review.request.uid, decision.report);
  json(res, encodeAdmissionReview(review.apiVersion, review.kind, review.request.uid, decision.response));
}

function logReport(logger: Logger, uid: string, report: AdmissionReport): void {
  const fields = { uid, ...report };
  switch (report.result) {
    case 'mutated':
    case 'unchanged':
      if (report.unmutatedReason !== undefined || report.trust?.result === 'refused' || report.trust?.result === 'error') {
        logger.warn(fields, report.unmutatedReason === 'no-container-configured' ? 'pod mutated, but no container was given credentials' : 'pod mutated with a trust warning');
      } else {
        logger.info(fields, report.result === 'mutated' ? 'pod was mutated' : 'pod was not mutated: required volume mounts and env variables were already present');
      }
      if (report.skipLabelPresent === true) logger.warn(fields, 'pod carries the skip-pod-identity-webhook label but reached the webhook (objectSelector missing?); mutated as upstream does');
      return;
    case 'not-applicable':
      logger.debug(fields, 'pod was not mutated: its ServiceAccount names no role');
      return;
    case 'unmutated':
      logger.warn(fields, `pod admitted without credentials: ${report.unmutatedReason ?? 'unknown'}`);
      return;
    case 'denied':
      logger.warn(fields, 'pod refused: its role would not trust its token');
      return;
    case 'bad-request':
      logger.error(fields, 'could not read the pod');
      return;
    default: {
      const never: never = report.result;
      return never;
    }
  }
}

/** The metrics port's request handler. */
export function createMetricsHandler(metrics: WebhookMetrics, ready: () => boolean): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://metrics').pathname;
    if (path === '/metrics') {
      void metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        (error: unknown) => plainError(res, 500, String(error)),
      );
      return;
    }
    if (path === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok');
    if (path === '/readyz') {
      const ok = ready();
      return void res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8' }).end(ok ? 'ok' : 'ServiceAccount cache not synced');
    }
    plainError(res, 404, '404 page not found');
  };
}

// Go's http.Error: text/plain, nosniff, the message and a newline.
function plainError(res: ServerResponse, code: number, message: string): void {
  res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end(`${message}\n`);
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
