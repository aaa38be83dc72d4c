// The shape of one CloudTrail event, after the AWS CloudTrail User Guide, "CloudTrail record contents
// for management, data, and network activity events" and "CloudTrail userIdentity element". Fields keep
// CloudTrail's names and order, so a serialised event reads as CloudTrail writes it.

/** The event format version podiam writes ("The current version is 1.11"). */
export const EVENT_VERSION = '1.11';

/** `userIdentity.type` values podiam produces. */
export type UserIdentityType = 'Root' | 'IAMUser' | 'AssumedRole' | 'FederatedUser' | 'WebIdentityUser' | 'SAMLUser' | 'AWSAccount' | 'AWSService' | 'Unknown';

/** `userIdentity.sessionContext`: how temporary credentials were obtained. */
export interface SessionContext {
  /** The role (or user) the session was issued by; `{}` when none. */
  readonly sessionIssuer: {
    readonly type?: 'Role' | 'IAMUser' | 'Root';
    readonly principalId?: string;
    readonly arn?: string;
    readonly accountId?: string;
    readonly userName?: string;
  };
  /** For sessions from AssumeRoleWithWebIdentity: the provider; `{}` otherwise. */
  readonly webIdFederationData: { readonly federatedProvider?: string; readonly attributes?: Readonly<Record<string, string>> };
  readonly attributes: { readonly creationDate: string; readonly mfaAuthenticated: 'true' | 'false' };
  readonly sourceIdentity?: string;
}

/** `userIdentity`. */
export interface UserIdentity {
  readonly type: UserIdentityType;
  readonly principalId?: string;
  readonly arn?: string;
  readonly accountId?: string;
  readonly accessKeyId?: string;
  readonly userName?: string;
  readonly identityProvider?: string;
  /** For AWSService callers: the service principal. */
  readonly invokedBy?: string;
  readonly sessionContext?: SessionContext;
}

/** A `resources` entry. */
export interface EventResource {
  readonly accountId?: string;
  readonly type?: string;
  readonly ARN: string;
}

/** One CloudTrail event for an API call (`eventType` AwsApiCall). */
export interface CloudTrailEvent {
  readonly eventVersion: string;
  readonly userIdentity: UserIdentity;
  /** ISO 8601 in UTC, whole seconds: `2024-07-09T16:41:37Z`. */
  readonly eventTime: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly awsRegion: string;
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly requestParameters: unknown;
  readonly responseElements: unknown;
  readonly additionalEventData?: Readonly<Record<string, unknown>>;
  readonly requestID: string;
  readonly eventID: string;
  readonly readOnly: boolean;
  readonly resources?: readonly EventResource[];
  readonly eventType: 'AwsApiCall';
  readonly managementEvent: boolean;
  readonly recipientAccountId?: string;
  /** For a call delivered to two accounts (the caller's and the resource owner's): the ID both events share. */
  readonly sharedEventID?: string;
  readonly eventCategory: 'Management' | 'Data';
  readonly tlsDetails?: Readonly<Record<string, string>>;
}

/** CloudTrail's time format: ISO 8601 without fractional seconds. */
export function cloudTrailTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
