// The audit trail: one CloudTrail-format event per API call (AWS CloudTrail User Guide, "CloudTrail record
// contents" and "CloudTrail userIdentity element"), written to the store in batches off the request path.
import type { Logger } from 'pino';
import type { Store } from '../store/index.ts';
import { AuditRecorder, type AuditRecorderOptions } from './recorder.ts';

export { AuditRecorder } from './recorder.ts';
export type { AuditRecorderOptions, AuditRecorderReports } from './recorder.ts';
export { auditEventRecordOf, buildCloudTrailEvent } from './build-event.ts';
export { userIdentityOf } from './user-identity.ts';
export { eventElements, HIDDEN, lowerCamel } from './event-elements.ts';
export { cloudTrailTime, EVENT_VERSION } from './cloudtrail-event.ts';
export type { CloudTrailEvent, EventResource, SessionContext, UserIdentity, UserIdentityType } from './cloudtrail-event.ts';

/** The server's audit recorder over the store, reporting trouble to the log. */
export function createAuditRecorder(
  deps: { readonly store: Pick<Store, 'auditEvents'>; readonly logger: Logger },
  options: Omit<AuditRecorderOptions, 'repo' | 'reports'> = {},
): AuditRecorder {
  const { logger } = deps;
  return new AuditRecorder({
    ...options,
    repo: deps.store.auditEvents,
    reports: {
      writeFailed: (err, events) => logger.error({ err, events }, 'audit events could not be written; kept for retry'),
      dropped: (total) => logger.error({ dropped: total }, 'audit queue full: events dropped'),
      buildFailed: (err, requestId) => logger.error({ err, requestId }, 'audit event could not be built'),
    },
  });
}
