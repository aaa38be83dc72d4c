// CreateAccount's request status (Organizations API Reference, "CreateAccountStatus"). AWS creates
// accounts asynchronously: CreateAccount answers IN_PROGRESS with a `car-…` request ID that
// DescribeCreateAccountStatus answers later. podiam creates the account at once, so the request ID can
// be derived from the account itself — `car-`, the account ID and a digest of its creation — and any
// replica answers it from the store, after restarts too. Requests that failed (the e-mail address was
// taken) created nothing; their statuses are kept in memory by the process that refused them.
import { createHash } from 'node:crypto';
import type { Account } from '../store/index.ts';
import { newRequestId } from './org-ids.ts';

/** CreateAccountStatus as the API shows it. */
export interface CreateAccountStatusView {
  Id: string;
  AccountName: string;
  State: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  RequestedTimestamp: Date;
  CompletedTimestamp?: Date;
  AccountId?: string;
  FailureReason?: string;
}

function digest(accountId: string, createdAt: Date): string {
  return createHash('sha256').update(`${accountId}/${createdAt.toISOString()}`).digest('hex').slice(0, 16);
}

/** The request ID of the CreateAccount call that created the account. */
export function createAccountRequestId(account: Pick<Account, 'id' | 'createdAt'>): string {
  return `car-${account.id}${digest(account.id, account.createdAt)}`;
}

/** The account ID a request ID names, if it has the form of one (check it with {@link isRequestOf}). */
export function accountIdOfRequest(requestId: string): string | undefined {
  return /^car-(\d{12})[0-9a-f]{16}$/.exec(requestId)?.[1];
}

/** True when the request ID was issued for this account. */
export function isRequestOf(requestId: string, account: Pick<Account, 'id' | 'createdAt'>): boolean {
  return requestId === createAccountRequestId(account);
}

/** The status of a request that created the account. */
export function succeededStatus(account: Account): CreateAccountStatusView {
  return {
    Id: createAccountRequestId(account),
    AccountName: account.name,
    State: 'SUCCEEDED',
    RequestedTimestamp: account.createdAt,
    CompletedTimestamp: account.createdAt,
    AccountId: account.id,
  };
}

/** Failed requests of this process, by organization, newest last; bounded. */
export class FailedAccountRequests {
  readonly #byId = new Map<string, { organizationId: string; status: CreateAccountStatusView }>();
  readonly #limit: number;

  constructor(limit = 1000) {
    this.#limit = limit;
  }

  /** Records a failure and returns its status. */
  add(organizationId: string, accountName: string, reason: string, at: Date): CreateAccountStatusView {
    const status: CreateAccountStatusView = { Id: newRequestId(), AccountName: accountName, State: 'FAILED', RequestedTimestamp: at, CompletedTimestamp: at, FailureReason: reason };
    this.#byId.set(status.Id, { organizationId, status });
    if (this.#byId.size > this.#limit) {
      const oldest = this.#byId.keys().next().value;
      if (oldest !== undefined) this.#byId.delete(oldest);
    }
    return status;
  }

  get(organizationId: string, requestId: string): CreateAccountStatusView | undefined {
    const entry = this.#byId.get(requestId);
    return entry?.organizationId === organizationId ? entry.status : undefined;
  }

  all(organizationId: string): CreateAccountStatusView[] {
    return [...this.#byId.values()].filter((e) => e.organizationId === organizationId).map((e) => e.status);
  }
}
