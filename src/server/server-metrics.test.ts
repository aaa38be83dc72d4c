// The server's Prometheus metrics (STYLE: every long-running process has /metrics).
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../api/index.ts';
import { createServerMetrics } from './server-metrics.ts';

const call = (eventName: string, errorCode?: string): CallRecord =>
  ({ eventSource: 'sts.amazonaws.com', eventName, ...(errorCode !== undefined ? { errorCode } : {}) }) as CallRecord;

describe('server metrics', () => {
  it('the counting recorder counts each call by operation and error code and still hands it to the audit recorder', async () => {
    const metrics = createServerMetrics({ revision: () => 7 });
    const seen: CallRecord[] = [];
    const record = metrics.counting((c) => seen.push(c));
    record(call('AssumeRole'));
    record(call('AssumeRole'));
    record(call('AssumeRole', 'AccessDenied'));
    expect(seen).toHaveLength(3);
    const text = await metrics.registry.metrics();
    expect(text).toContain('podiam_api_calls_total{event_source="sts.amazonaws.com",event_name="AssumeRole",error_code=""} 2');
    expect(text).toContain('podiam_api_calls_total{event_source="sts.amazonaws.com",event_name="AssumeRole",error_code="AccessDenied"} 1');
    expect(text).toContain('podiam_snapshot_revision 7');
  });

  it('requests are counted by door and status, and timed by door', async () => {
    const metrics = createServerMetrics({ revision: () => 0 });
    metrics.observeRequest('s3', 200, 0.0004);
    metrics.observeRequest('s3', 404, 0.002);
    const text = await metrics.registry.metrics();
    expect(text).toContain('podiam_http_requests_total{door="s3",code="200"} 1');
    expect(text).toContain('podiam_http_requests_total{door="s3",code="404"} 1');
    expect(text).toContain('podiam_http_request_duration_seconds_bucket{le="0.0005",door="s3"} 1');
    expect(text).toContain('podiam_http_request_duration_seconds_count{door="s3"} 2');
  });

  it("the audit queue's figures are read at each scrape", async () => {
    let stats = { pending: 3, dropped: 0, written: 10 };
    const metrics = createServerMetrics({ audit: () => stats, revision: () => 0 });
    expect(await metrics.registry.metrics()).toContain('podiam_audit_events_written_total 10');
    stats = { pending: 0, dropped: 2, written: 15 };
    const text = await metrics.registry.metrics();
    expect(text).toContain('podiam_audit_events_written_total 15');
    expect(text).toContain('podiam_audit_events_dropped_total 2');
    expect(text).toContain('podiam_audit_queue_events 0');
  });
});
