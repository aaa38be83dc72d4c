// When a cluster's signing keys rotate and which of them are published, from the stored keys and the
// clock: src/oidc's planKeyRotation (OpenID Connect Core 1.0, 10.1.1) under podiam's policy. Keys rotate
// after seven days; a new key is published an hour (the JWKS max-age) before it signs; an old key stays
// published for the longest token lifetime (48 hours, enough for the pod identity webhook's default
// 86400-second tokens) plus STS's five minutes of clock skew after it last signed.
import { planKeyRotation, type KeyRotationPolicy, type SigningKeyRecord } from '../oidc/index.ts';
import type { ClusterSigningKey } from '../store/index.ts';

export const KEY_ROTATION_POLICY = {
  rotateAfterSeconds: 7 * 24 * 3600,
  maxTokenLifetimeSeconds: 48 * 3600,
  publishAheadSeconds: 3600,
  clockSkewSeconds: 300,
} as const satisfies KeyRotationPolicy;

/** How long a key stays published after it last signed. */
export const PUBLISHED_TAIL_SECONDS = KEY_ROTATION_POLICY.maxTokenLifetimeSeconds + KEY_ROTATION_POLICY.clockSkewSeconds;

// Milliseconds kept (fractional seconds): a key rotated in the same second as the one before it must still
// sort after it.
const seconds = (date: Date): number => date.getTime() / 1000;

function recordOf(key: ClusterSigningKey): SigningKeyRecord {
  return key.retiredAt === undefined ? { kid: key.kid, createdAt: seconds(key.createdAt) } : { kid: key.kid, createdAt: seconds(key.createdAt), retiredAt: seconds(key.retiredAt) };
}

/** A cluster's keys at one instant: which signs, which are published, which can go, whether to rotate. */
export interface ClusterKeyPlan {
  readonly signingKid: string | undefined;
  /** Published keys, oldest first. */
  readonly published: readonly ClusterSigningKey[];
  readonly pendingKids: readonly string[];
  readonly removableKids: readonly string[];
  readonly rotateNow: boolean;
}

/**
 * The plan of a cluster's keys at `now`. A key retired with a recorded end of publication stays
 * published until then even where the schedule alone would drop it (a key rotated out on demand
 * within an hour of its own creation signed tokens the schedule does not know of).
 */
export function keySchedule(keys: readonly ClusterSigningKey[], now: Date): ClusterKeyPlan {
  const plan = planKeyRotation(keys.map(recordOf), KEY_ROTATION_POLICY, seconds(now));
  const keep = (key: ClusterSigningKey): boolean =>
    plan.publishedKids.includes(key.kid) || (key.expiresPublicAt !== undefined && key.expiresPublicAt > now);
  return {
    signingKid: plan.signingKid,
    published: keys.filter(keep),
    pendingKids: plan.pendingKids,
    removableKids: keys.filter((key) => !keep(key)).map((key) => key.kid),
    rotateNow: plan.rotateNow,
  };
}

/** A key's status for DescribeCluster, or undefined when it is no longer published. */
export function keyStatus(plan: ClusterKeyPlan, kid: string): 'ACTIVE' | 'PENDING' | 'RETIRED' | undefined {
  if (plan.signingKid === kid) return 'ACTIVE';
  if (plan.pendingKids.includes(kid)) return 'PENDING';
  return plan.published.some((key) => key.kid === kid) ? 'RETIRED' : undefined;
}
