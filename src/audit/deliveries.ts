// The events one call leaves. CloudTrail delivers a call that uses another account's resource to both
// accounts, as separate events with their own eventID and recipientAccountId and one sharedEventID; the
// field is absent when one account receives the event (AWS CloudTrail User Guide, "CloudTrail record
// contents for management, data, and network activity events": sharedEventID). The owner's copy shows the
// caller as `AWSAccount`, with the caller's account and principal ID only ("CloudTrail userIdentity
// element": AWSAccount, the request was made by another AWS account; IAM User Guide, "Logging IAM and AWS
// STS API calls with AWS CloudTrail", the cross-account AssumeRole example and its table: the assumed
// role's account sees "Account number and principal ID").
import type { CallRecord } from '../api/index.ts';
import { buildCloudTrailEvent } from './build-event.ts';
import type { CloudTrailEvent, UserIdentity } from './cloudtrail-event.ts';

/**
 * The account that owns the resource a call used, when it is not the caller's: the role an AssumeRole
 * assumed, the bucket an S3 call read or wrote. Only AWS resources (a podiam resource has no second trail),
 * and only calls that succeeded: "For cross-account role assumption requests, CloudTrail does not log
 * denied AWS STS requests in the target account's CloudTrail" (IAM User Guide, "Logging IAM and AWS STS
 * API calls with AWS CloudTrail"); podiam keeps refused S3 calls in the caller's trail alike.
 */
export function resourceOwnerAccount(record: CallRecord): string | undefined {
  const callerAccount = record.caller?.principal.accountId;
  if (callerAccount === undefined || record.errorCode !== undefined) return undefined;
  for (const r of record.notes.resources) {
    if (r.accountId !== undefined && r.accountId !== callerAccount && r.type?.startsWith('AWS::') === true) return r.accountId;
  }
  return undefined;
}

/** The CloudTrail events of a call: one, or for a cross-account call one per account sharing an ID. */
export function cloudTrailEventsOf(record: CallRecord, newEventId: () => string): CloudTrailEvent[] {
  const event = buildCloudTrailEvent(record, newEventId());
  const owner = resourceOwnerAccount(record);
  if (owner === undefined) return [event];
  const sharedEventID = newEventId();
  const callerIdentity = event.userIdentity;
  const ownersView: UserIdentity = {
    type: 'AWSAccount',
    ...(callerIdentity.principalId !== undefined ? { principalId: callerIdentity.principalId } : {}),
    ...(callerIdentity.accountId !== undefined ? { accountId: callerIdentity.accountId } : {}),
    ...(callerIdentity.invokedBy !== undefined ? { invokedBy: callerIdentity.invokedBy } : {}),
  };
  return [
    shared(event, sharedEventID, {}),
    shared(event, sharedEventID, { userIdentity: ownersView, eventID: newEventId(), recipientAccountId: owner }),
  ];
}

// A copy of the event with `sharedEventID` in CloudTrail's place (after recipientAccountId) and some
// fields replaced, keeping the field order.
function shared(event: CloudTrailEvent, sharedEventID: string, replace: Partial<CloudTrailEvent>): CloudTrailEvent {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(event)) {
    out[name] = name in replace ? replace[name as keyof CloudTrailEvent] : value;
    if (name === 'recipientAccountId') out['sharedEventID'] = sharedEventID;
  }
  return out as unknown as CloudTrailEvent;
}
