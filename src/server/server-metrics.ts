// The Prometheus metrics of `podiam serve` (STYLE: every long-running process has /metrics), served at
// `/_podiam/metrics` on the API listener: `/metrics` there would be S3's path-style address of a
// bucket named "metrics", and `_` cannot start a bucket name. One registry per server.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CallRecord, CallRecorder } from '../api/index.ts';

/** What the audit recorder can tell about its queue. */
export interface AuditQueueStats {
  readonly pending: number;
  readonly dropped: number;
  readonly written: number;
}

/** The metrics of one server. */
export interface ServerMetrics {
  readonly registry: Registry;
  /** One HTTP request answered, by the front door that took it (`api`, `s3`, `issuer`, `health`, `none`). */
  observeRequest(door: string, status: number, seconds: number): void;
  /** The recorder, counting each call by service, operation and error code on its way to the audit trail. */
  counting(record: CallRecorder): CallRecorder;
}

/** Latency buckets from 100 µs to about 3 s: the hot calls answer in well under a millisecond. */
const LATENCY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Creates the metrics; `audit` and `revision` are read at each scrape. */
export function createServerMetrics(sources: { audit?: () => AuditQueueStats; revision: () => number }): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'podiam_http_requests_total',
    help: 'HTTP requests answered, by front door and status code.',
    labelNames: ['door', 'code'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'podiam_http_request_duration_seconds',
    help: 'Time from the request to the end of its response (for streamed S3 bodies, the last byte), by front door.',
    labelNames: ['door'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const calls = new Counter({
    name: 'podiam_api_calls_total',
    help: 'API calls as recorded for the audit trail, by event source, operation and error code ("" when it succeeded).',
    labelNames: ['event_source', 'event_name', 'error_code'],
    registers: [registry],
  });
  const audit = sources.audit;
  if (audit !== undefined) {
    new Gauge({
      name: 'podiam_audit_queue_events',
      help: 'Audit events waiting to be written.',
      registers: [registry],
      collect() {
        this.set(audit().pending);
      },
    });
    // Counters the recorder keeps itself: exposed as gauges of a running total would lose resets, so as counters.
    new Counter({
      name: 'podiam_audit_events_written_total',
      help: 'Audit events written to the store.',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(audit().written);
      },
    });
    new Counter({
      name: 'podiam_audit_events_dropped_total',
      help: 'Audit events dropped because the queue was full.',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(audit().dropped);
      },
    });
  }
  new Gauge({
    name: 'podiam_snapshot_revision',
    help: 'Store revision of the in-memory snapshot the hot paths read.',
    registers: [registry],
    collect() {
      this.set(sources.revision());
    },
  });
  // Children are kept per door: labelling by object on every request would cost a hash each time.
  const perDoor = new Map<string, Histogram.Internal<'door'>>();
  return {
    registry,
    observeRequest(door, status, seconds) {
      requests.inc({ door, code: String(status) });
      let child = perDoor.get(door);
      if (child === undefined) perDoor.set(door, (child = durations.labels(door)));
      child.observe(seconds);
    },
    counting(record) {
      return (call: CallRecord) => {
        calls.inc({ event_source: call.eventSource, event_name: call.eventName, error_code: call.errorCode ?? '' });
        record(call);
      };
    },
  };
}
