// One CloudTrail event per API call, from what the server knows of the finished call (AWS CloudTrail User
// Guide, "CloudTrail record contents for management, data, and network activity events"), and the row
// the store keeps of it with the fields lookups filter on lifted out.
import type { CallRecord } from '../api/index.ts';
import type { AuditEventRecord, JsonObject } from '../store/index.ts';
import { cloudTrailTime, EVENT_VERSION, type CloudTrailEvent, type EventResource } from './cloudtrail-event.ts';
import { eventElements, type SecretTexts } from './event-elements.ts';
import { userIdentityOf } from './user-identity.ts';

const ROLE_RESOURCE = 'AWS::IAM::Role';
// S3's REST requests have no Query member names to convert: CloudTrail writes S3's request parameters with
// the names S3 logs (`bucketName`, `Host`, `key`, subresources, XML element names such as
// `CreateBucketConfiguration`), which the S3 service already notes as they are.
const NAMES_AS_NOTED = 's3.amazonaws.com';

/** The secrets a call's own event must never contain: the caller's secret access key and session token. */
function secretsOf(record: CallRecord): SecretTexts {
  const values = new Set<string>();
  const caller = record.caller;
  if (caller !== undefined) {
    if (caller.secretAccessKey !== '') values.add(caller.secretAccessKey);
    if (caller.session !== undefined && caller.session.sk !== '') values.add(caller.session.sk);
  }
  return { values };
}

// A call without parameters (ListRoles, GetAccountSummary) or without a response body (DeleteRole) has
// `null` there, not `{}` (IAM User Guide, "Logging IAM and AWS STS API calls with AWS CloudTrail": the
// GetUserPolicy example's "responseElements": null).
function nullIfEmpty(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  for (const _ in value) return value;
  return null;
}

/** Builds the CloudTrail event of a call. */
export function buildCloudTrailEvent(record: CallRecord, eventId: string): CloudTrailEvent {
  const secrets = secretsOf(record);
  const notes = record.notes;
  const resources: EventResource[] = notes.resources.map((r) => ({
    ...(r.accountId !== undefined ? { accountId: r.accountId } : {}),
    ...(r.type !== undefined ? { type: r.type } : {}),
    ARN: r.ARN,
  }));
  const recipientAccountId = notes.recipientAccountId ?? record.caller?.principal.accountId;
  const camelCase = record.eventSource !== NAMES_AS_NOTED;
  const additional = notes.additionalEventData === undefined ? undefined : eventElements(notes.additionalEventData, secrets, false);
  return {
    eventVersion: EVENT_VERSION,
    userIdentity: userIdentityOf(record.caller, notes),
    eventTime: cloudTrailTime(record.eventTime),
    eventSource: record.eventSource,
    eventName: record.eventName,
    awsRegion: record.region,
    sourceIPAddress: record.sourceIp,
    userAgent: record.userAgent,
    ...(record.errorCode !== undefined ? { errorCode: record.errorCode, errorMessage: record.errorMessage ?? '' } : {}),
    requestParameters: nullIfEmpty(eventElements(record.requestParameters, secrets, camelCase)),
    // A refused call has no response (CloudTrail writes null).
    responseElements: record.errorCode !== undefined ? null : nullIfEmpty(eventElements(record.responseElements, secrets, camelCase)),
    ...(additional !== null && typeof additional === 'object' ? { additionalEventData: additional as Record<string, unknown> } : {}),
    requestID: record.requestId,
    eventID: eventId,
    readOnly: record.readOnly,
    ...(resources.length > 0 ? { resources } : {}),
    eventType: 'AwsApiCall',
    managementEvent: record.eventCategory === 'Management',
    ...(recipientAccountId !== undefined ? { recipientAccountId } : {}),
    eventCategory: record.eventCategory,
    ...(record.tlsDetails !== undefined ? { tlsDetails: record.tlsDetails } : {}),
  };
}

/**
 * The stored row of an event: the caller's ARN (the session's ARN for role sessions), and the role —
 * the role whose session called, or else the role the call assumed or acted on.
 */
export function auditEventRecordOf(event: CloudTrailEvent, record: CallRecord): AuditEventRecord {
  const caller = record.caller;
  const roleArn = caller?.roleArn ?? caller?.session?.p.roleArn ?? record.notes.resources.find((r) => r.type === ROLE_RESOURCE)?.ARN;
  return {
    eventId: event.eventID,
    eventTime: record.eventTime,
    eventName: event.eventName,
    eventSource: event.eventSource,
    accountId: event.recipientAccountId,
    principalArn: event.userIdentity.arn,
    roleArn,
    accessKeyId: event.userIdentity.accessKeyId,
    errorCode: event.errorCode,
    requestId: event.requestID,
    sourceIp: event.sourceIPAddress,
    event: event as unknown as JsonObject,
  };
}
