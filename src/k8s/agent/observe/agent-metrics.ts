// Prometheus metrics of the agent (prom-client, its own registry): requests by handler, status code
// and role; credential cache lookups (hit, miss, negative); STS latency by outcome and reason;
// prefetches; pods and cache entries.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The agent's metrics. */
export class AgentMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'handler' | 'code' | 'role'>;
  readonly cacheLookups: Counter<'result'>;
  readonly stsDuration: Histogram<'outcome' | 'reason'>;
  readonly prefetches: Counter<'outcome'>;
  readonly tagFallbacks: Counter<'code'>;
  readonly pods: Gauge;
  readonly cacheEntries: Gauge;

  constructor(sizes: { pods: () => number; cacheEntries: () => number } = { pods: () => 0, cacheEntries: () => 0 }) {
    const registers = [this.registry];
    this.requests = new Counter({ name: 'podiam_agent_requests_total', help: 'Requests answered, by handler, HTTP status code and role ARN.', labelNames: ['handler', 'code', 'role'], registers });
    this.cacheLookups = new Counter({ name: 'podiam_agent_credential_cache_lookups_total', help: 'Credential requests by cache outcome (hit, miss, negative).', labelNames: ['result'], registers });
    this.stsDuration = new Histogram({
      name: 'podiam_agent_sts_request_duration_seconds',
      help: 'STS AssumeRole latency, by outcome (Success or the error code) and reason (request, prefetch, refresh).',
      labelNames: ['outcome', 'reason'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.prefetches = new Counter({ name: 'podiam_agent_prefetches_total', help: 'Credentials prefetched for pods scheduled to the node, by outcome.', labelNames: ['outcome'], registers });
    this.tagFallbacks = new Counter({ name: 'podiam_agent_session_tag_fallbacks_total', help: 'AssumeRole calls repeated without session tags after the STS refused them.', labelNames: ['code'], registers });
    this.pods = new Gauge({ name: 'podiam_agent_pods', help: 'Pods the agent knows on its node.', registers, collect() { this.set(sizes.pods()); } });
    this.cacheEntries = new Gauge({ name: 'podiam_agent_credential_cache_entries', help: 'Credential cache entries.', registers, collect() { this.set(sizes.cacheEntries()); } });
    collectDefaultMetrics({ register: this.registry, prefix: 'podiam_agent_' });
  }

  /** The exposition text. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
