// The audit trail: one CloudTrail-format event per API call (AWS CloudTrail User Guide, "CloudTrail record
// contents" and "CloudTrail userIdentity element"), written to the store in batches off the request path.
import type { Logger } from 'pino';
import type { Store, StoreOptions } from '../store/index.ts';
import { startWorkerAppender } from './worker-appender.ts';
import { AuditRecorder, type AuditRecorderOptions } from './recorder.ts';

export { AuditRecorder } from './recorder.ts';
export type { AuditRecorderOptions, AuditRecorderReports } from './recorder.ts';
export { auditEventRecordOf, buildCloudTrailEvent } from './build-event.ts';
export { userIdentityOf } from './user-identity.ts';
export { cloudTrailEventsOf, resourceOwnerAccount } from './deliveries.ts';
export { eventElements, HIDDEN, lowerCamel } from './event-elements.ts';
export { cloudTrailTime, EVENT_VERSION } from './cloudtrail-event.ts';
export type { CloudTrailEvent, EventResource, SessionContext, UserIdentity, UserIdentityType } from './cloudtrail-event.ts';

/**
 * The server's audit recorder over the store, reporting trouble to the log. With `storeOptions`, the
 * events are written by a worker thread with its own connection to the same database, off the
 * request path; without, through the server's store.
 */
export function createAuditRecorder(
  deps: { readonly store: Pick<Store, 'auditEvents'>; readonly logger: Logger; readonly storeOptions?: StoreOptions },
  options: Omit<AuditRecorderOptions, 'repo' | 'reports'> = {},
): { record: AuditRecorder['record']; flush(): Promise<void>; stats(): { pending: number; dropped: number; written: number }; readonly recorder: AuditRecorder } {
  const { logger } = deps;
  const options_ = deps.storeOptions;
  // A worker needs a database it can open by itself: not an in-memory SQLite one.
  const appender = options_ !== undefined && !(options_.kind === 'sqlite' && options_.path === ':memory:') ? startWorkerAppender(options_) : undefined;
  const recorder = new AuditRecorder({
    ...options,
    repo: appender?.repo ?? deps.store.auditEvents,
    reports: {
      writeFailed: (err, events) => logger.error({ err, events }, 'audit events could not be written; kept for retry'),
      dropped: (total) => logger.error({ dropped: total }, 'audit queue full: events dropped'),
      buildFailed: (err, requestId) => logger.error({ err, requestId }, 'audit event could not be built'),
    },
  });
  return {
    recorder,
    record: recorder.record,
    stats: () => ({ pending: recorder.pending, dropped: recorder.dropped, written: recorder.written }),
    async flush() {
      await recorder.flush();
      await appender?.close();
    },
  };
}
