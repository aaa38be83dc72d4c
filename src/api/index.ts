// The service contract: operations, their call context, and service definitions the server serves.
export { operation, serviceDefinition } from './operation.ts';
export type { AuditShape, Operation, ServiceDefinition } from './operation.ts';
export type { AuditNotes, CallContext, ServiceSettings } from './call-context.ts';
export type { CallRecord, CallRecorder } from './call-record.ts';
