// The webhook's Prometheus metrics: upstream's names where podiam measures the same thing, and
// podiam's own (podiam_webhook_*). One registry per webhook instance.
import { collectDefaultMetrics, Counter, exponentialBuckets, Gauge, Histogram, Registry, Summary } from 'prom-client';
import type { AdmissionReport } from './admit-pod.ts';

/** The metrics of one webhook. */
export interface WebhookMetrics {
  readonly registry: Registry;
  /** Upstream middleware: requests by verb, path and status code. */
  observeRequest(verb: string, path: string, code: number, microseconds: number): void;
  /** One admission's outcome. */
  recordAdmission(report: AdmissionReport): void;
  /** Upstream's pod_identity_webhook_used: set once a ServiceAccount naming a role is seen. */
  markUsed(): void;
  recordReload(what: 'tls' | 'container_credentials', ok: boolean): void;
}

/** Creates the metrics in a fresh registry (with process metrics, as Go's promhttp exposes them). */
export function createWebhookMetrics(): WebhookMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestCount = new Counter({
    name: 'http_request_count',
    help: 'Counter of requests broken out for each verb, path, and response code.',
    labelNames: ['verb', 'path', 'code'],
    registers: [registry],
  });
  const latencies = new Histogram({
    name: 'http_request_latencies',
    help: 'Response latency distribution in microseconds for each verb and path',
    labelNames: ['verb', 'path'],
    // Upstream: buckets from 125 ms to 8 s, in microseconds.
    buckets: exponentialBuckets(125_000, 2, 7),
    registers: [registry],
  });
  const durations = new Summary({
    name: 'http_request_duration_microseconds',
    help: 'Response latency summary in microseconds for each verb and path.',
    labelNames: ['verb', 'path'],
    maxAgeSeconds: 3600,
    ageBuckets: 5,
    registers: [registry],
  });
  const used = new Gauge({ name: 'pod_identity_webhook_used', help: 'Indicator to know pod identity webhook is used', registers: [registry] });
  const admissions = new Counter({
    name: 'podiam_webhook_admissions_total',
    help: 'Pod admissions by result (mutated, unchanged, not-applicable, unmutated, denied, bad-request).',
    labelNames: ['result'],
    registers: [registry],
  });
  const mutations = new Counter({
    name: 'podiam_webhook_pod_mutations_total',
    help: 'Pods given credentials, by method (sts_web_identity, container_credentials).',
    labelNames: ['method'],
    registers: [registry],
  });
  const unmutated = new Counter({
    name: 'podiam_webhook_unmutated_pods_total',
    help: 'Pods admitted without credentials although they may need them, by reason.',
    labelNames: ['reason'],
    registers: [registry],
  });
  const lookups = new Counter({
    name: 'podiam_webhook_service_account_lookups_total',
    help: 'ServiceAccount lookups by source (cache, notified, api, not-found, error).',
    labelNames: ['source'],
    registers: [registry],
  });
  const trust = new Counter({
    name: 'podiam_webhook_trust_checks_total',
    help: 'Trust-policy checks by result (ok, refused, error, skipped).',
    labelNames: ['result'],
    registers: [registry],
  });
  const reloads = new Counter({
    name: 'podiam_webhook_reloads_total',
    help: 'Reloads of the TLS certificate and the container-credentials file, by result.',
    labelNames: ['what', 'result'],
    registers: [registry],
  });
  return {
    registry,
    observeRequest(verb, path, code, microseconds) {
      requestCount.inc({ verb, path, code: String(code) });
      latencies.observe({ verb, path }, microseconds);
      durations.observe({ verb, path }, microseconds);
    },
    recordAdmission(report) {
      admissions.inc({ result: report.result });
      if (report.lookup !== undefined) lookups.inc({ source: report.lookup });
      if ((report.result === 'mutated' || report.result === 'unchanged') && report.method !== undefined) mutations.inc({ method: report.method });
      if (report.unmutatedReason !== undefined) unmutated.inc({ reason: report.unmutatedReason });
      if (report.trust !== undefined) trust.inc({ result: report.trust.result });
    },
    markUsed() {
      used.set(1);
    },
    recordReload(what, ok) {
      reloads.inc({ what, result: ok ? 'ok' : 'error' });
    },
  };
}
