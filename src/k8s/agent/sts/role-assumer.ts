// What the agent asks of an STS and what it gets back, independent of the client library.
import type { RoleArn } from '../../../aws/arn/index.ts';
import type { SessionTag } from './session-identity.ts';

/** One AssumeRole call. */
export interface AssumeRoleInput {
  readonly role: RoleArn;
  readonly externalId: string | undefined;
  readonly sessionName: string;
  readonly tags: readonly SessionTag[];
  readonly durationSeconds: number;
}

/** Temporary credentials as STS issued them. */
export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Epoch milliseconds. */
  readonly expiration: number;
  /** Epoch milliseconds, when the agent received them. */
  readonly issuedAt: number;
  readonly accountId: string;
  /** Whether the session carries the pod's session tags (false after the STS refused them). */
  readonly tagged: boolean;
}

/** How an STS failure should be treated. */
export type StsFailureKind = 'denied' | 'throttled' | 'invalid' | 'unavailable';

/** An STS call that did not give credentials. `message` is logged, never sent to pods. */
export interface StsFailure {
  readonly kind: StsFailureKind;
  /** AWS's error code (`AccessDenied`, `Throttling`, ...) or a transport code. */
  readonly code: string;
  readonly status: number | undefined;
  readonly message: string;
}

export type AssumeRoleOutcome =
  | { readonly ok: true; readonly credentials: IssuedCredentials }
  | { readonly ok: false; readonly failure: StsFailure };

/** Anything that can assume a role for the agent. */
export interface RoleAssumer {
  assumeRole(input: AssumeRoleInput): Promise<AssumeRoleOutcome>;
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'InvalidClientTokenId', 'ExpiredToken', 'ExpiredTokenException', 'SignatureDoesNotMatch', 'UnrecognizedClientException', 'IncompleteSignature', 'CredentialsProviderError']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'IDPCommunicationError']);
const INVALID = new Set(['ValidationError', 'MalformedPolicyDocument', 'PackedPolicyTooLarge', 'InvalidParameterValue', 'RegionDisabledException', 'InvalidAction', 'MissingParameter']);

/** Classifies an STS error by its code, then by its HTTP status. */
export function classifyStsError(code: string, status: number | undefined): StsFailureKind {
  if (DENIED.has(code)) return 'denied';
  if (THROTTLED.has(code)) return 'throttled';
  if (INVALID.has(code)) return 'invalid';
  if (status === 403) return 'denied';
  if (status === 429) return 'throttled';
  if (status !== undefined && status >= 400 && status < 500) return 'invalid';
  return 'unavailable';
}
