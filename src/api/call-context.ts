// What an operation sees of its call: who calls, when, from where, the state it may read and write,
// and the one way to check permissions.
import type { Caller, IamSnapshot, RequestFacts, AuthorizationQuery, SessionKeyring } from '../identity/index.ts';
import type { Store } from '../store/index.ts';

/** Notes an operation leaves for the call's CloudTrail event. */
export interface AuditNotes {
  /** `resources` entries (ARN, type, account). */
  resources: { ARN: string; type?: string; accountId?: string }[];
  /** `additionalEventData`. */
  additionalEventData?: Record<string, unknown>;
  /** For unsigned web identity calls: the `userIdentity` CloudTrail records (type WebIdentityUser). */
  userIdentity?: Record<string, unknown>;
  /** The account the event belongs to when there is no caller (web identity: the role's account). */
  recipientAccountId?: string;
}

/** The context of one API call. */
export interface CallContext {
  readonly requestId: string;
  readonly now: Date;
  /** The authenticated caller; undefined only for operations marked `unsigned`. */
  readonly caller: Caller | undefined;
  readonly facts: RequestFacts;
  /** The region of the request's credential scope (or the server's default). */
  readonly region: string;
  /** The compiled state as of this request. */
  readonly snapshot: IamSnapshot;
  readonly store: Store;
  /** The keys that seal and open session tokens. */
  readonly keyring: SessionKeyring;
  /** The server's configuration that operations need. */
  readonly settings: ServiceSettings;
  /** Throws AccessDenied (with AWS's message) unless the caller may do this. */
  authorize(query: AuthorizationQuery): void;
  /** Rebuilds the snapshot after a write, so the caller's next request sees it; returns the new one. */
  refresh(): Promise<IamSnapshot>;
  /** For the audit event. */
  readonly audit: AuditNotes;
  /** The caller, or an error when the operation needs one and the request was unsigned. */
  requireCaller(): Caller;
}

/** Server settings operations read. */
export interface ServiceSettings {
  /** The public base URL of the server (`http://127.0.0.1:4577`), for issuer URLs and the like. */
  readonly publicBaseUrl: string;
  /** The management account of the embedded default. */
  readonly managementAccountId: string;
  readonly defaultRegion: string;
}
