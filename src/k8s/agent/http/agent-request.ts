// Requests and answers of the agent's HTTP handlers, independent of node:http so handlers run in
// process in tests.
import type { IncomingHttpHeaders } from 'node:http';
import type { PodView } from '../pods/pod-view.ts';

/** One request as the handlers see it. */
export interface AgentRequest {
  readonly method: string;
  /** The request target: path and optional query. */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  /** The peer's address, IPv4-mapped prefix removed. */
  readonly clientIp: string;
}

/** Which handler answered. */
export type AnswerHandler = 'metadata-credentials' | 'metadata-token' | 'metadata-proxy' | 'container-credentials' | 'health' | 'metrics' | 'not-found';

/** How the credentials in an answer were found. */
export type CacheOutcome = 'hit' | 'miss' | 'negative';

/** Facts about an answer, for the log line and metrics (never sent to the caller). */
export interface AnswerFacts {
  readonly handler: AnswerHandler;
  readonly pod?: PodView | undefined;
  readonly role?: string | undefined;
  readonly cache?: CacheOutcome | undefined;
  /** Why a request was refused, in the agent's words. */
  readonly reason?: string | undefined;
  /** Private detail (an STS error message). */
  readonly detail?: string | undefined;
}

/** One answer. */
export interface AgentResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
  readonly facts: AnswerFacts;
}

/** A plain-text answer. */
export function textResponse(status: number, body: string, facts: AnswerFacts, headers: Record<string, string> = {}): AgentResponse {
  return { status, headers: { 'content-type': 'text/plain', ...headers }, body, facts };
}
