// How long credentials live and when they are renewed, chosen so no AWS SDK mis-refreshes them:
//  - botocore's instance-metadata fetcher (botocore/utils.py, InstanceMetadataFetcher
//    `_evaluate_expiration`) treats credentials with less than 10 minutes + 2-10 minutes of jitter
//    left as an outage and *extends* them to 12-20 minutes from now, past their real expiry; its
//    refreshable credentials refresh at 15 minutes (advisory) and 10 minutes (mandatory) left;
//  - the JS SDK v3 treats credentials with less than 5 minutes left as expired
//    (@aws-sdk/credential-provider-node `credentialsTreatedAsExpired`, 300000 ms) and, like botocore,
//    extends expired instance-metadata credentials by 5-10 minutes (static stability).
// So the agent never serves credentials with less than `minServedMs` (default 25 minutes) left and
// renews them in the background from `refreshBeforeMs` (default 40 minutes) left, leaving 15 minutes
// of retries before a failing STS is visible to pods.

/** Credential lifetimes and retry pacing. */
export interface LifetimePolicy {
  /** DurationSeconds asked of STS. */
  readonly sessionDurationSeconds: number;
  /** Background refresh starts when this much lifetime is left. */
  readonly refreshBeforeMs: number;
  /** Credentials with less than this left are never served. */
  readonly minServedMs: number;
  /** Refreshes start up to this much earlier, spread so pods scheduled together do not renew together. */
  readonly refreshJitterMs: number;
  /** Negative caching: the first retry after an STS failure waits this long, doubling up to the maximum. */
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
}

const MINUTE = 60_000;

/** The smallest served lifetime the agent accepts: more than botocore's 20-minute extension window. */
export const MIN_SERVED_FLOOR_MS = 21 * MINUTE;

/** Defaults: one-hour sessions (AWS caps chained role sessions at one hour), renewed from 40 minutes left. */
export const DEFAULT_LIFETIME_POLICY: LifetimePolicy = {
  sessionDurationSeconds: 3600,
  refreshBeforeMs: 40 * MINUTE,
  minServedMs: 25 * MINUTE,
  refreshJitterMs: 2 * MINUTE,
  backoffInitialMs: 1000,
  backoffMaxMs: 5 * MINUTE,
};

/** The default policy with another session duration (and any overrides). */
export function lifetimePolicyFor(sessionDurationSeconds: number, overrides: Partial<LifetimePolicy> = {}): LifetimePolicy {
  return { ...DEFAULT_LIFETIME_POLICY, sessionDurationSeconds, ...overrides };
}

/** Why a policy cannot keep its promise, or undefined when it can. */
export function lifetimePolicyProblem(policy: LifetimePolicy): string | undefined {
  const durationMs = policy.sessionDurationSeconds * 1000;
  if (policy.minServedMs < MIN_SERVED_FLOOR_MS) return `the served lifetime must be at least ${MIN_SERVED_FLOOR_MS / MINUTE} minutes (botocore extends credentials with 12-20 minutes left)`;
  if (policy.refreshBeforeMs <= policy.minServedMs) return 'refresh must start before credentials fall under the served lifetime';
  if (durationMs - policy.refreshBeforeMs - policy.refreshJitterMs < MINUTE) {
    return `a session of ${policy.sessionDurationSeconds} seconds leaves no time between issue and refresh; use at least ${Math.ceil((policy.refreshBeforeMs + policy.refreshJitterMs + MINUTE) / MINUTE)} minutes`;
  }
  return undefined;
}
