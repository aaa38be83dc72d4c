// What the server knows of a finished call, for the audit trail (CloudTrail events) and the logs.
import type { Caller } from '../identity/index.ts';
import type { AuditNotes } from './call-context.ts';

/** One finished API call. */
export interface CallRecord {
  readonly requestId: string;
  readonly eventTime: Date;
  /** `sts.amazonaws.com`, `iam.amazonaws.com`, ... */
  readonly eventSource: string;
  readonly eventName: string;
  readonly region: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly readOnly: boolean;
  /** `Management` for control-plane calls, `Data` for S3 object-level calls. */
  readonly eventCategory: 'Management' | 'Data';
  readonly caller: Caller | undefined;
  readonly requestParameters: unknown;
  readonly responseElements: unknown;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly notes: AuditNotes;
  readonly tlsDetails?: Record<string, string>;
}

/** Where finished calls go (the audit writer). */
export type CallRecorder = (record: CallRecord) => void;
