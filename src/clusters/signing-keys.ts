// Writing a cluster's signing keys: the first key, scheduled rotation (a new key published ahead of
// signing, the old one handing over when it activates), rotation on demand (the new key signs at once,
// every other key is retired now), and removal of keys no unexpired token can need. Every function runs
// inside the caller's transaction.
import { exportSigningKeyJwk, generateSigningKey, issuerJwks } from '../oidc/index.ts';
import type { ClusterSigningKey, JsonObject, StoreTx } from '../store/index.ts';
import { StoreConflict } from '../store/index.ts';
import { KEY_ROTATION_POLICY, PUBLISHED_TAIL_SECONDS, keySchedule } from './key-schedule.ts';

const plus = (date: Date, seconds: number): Date => new Date(date.getTime() + seconds * 1000);

/** Generates a fresh RS256 key as the store keeps it (private JWK; public JWK as the JWKS serves it). */
export async function newSigningKey(clusterName: string, now: Date): Promise<ClusterSigningKey> {
  const key = await generateSigningKey();
  const [publicJwk] = issuerJwks([{ kid: key.kid, publicJwk: key.publicJwk }]).keys;
  return {
    clusterName,
    kid: key.kid,
    privateJwk: (await exportSigningKeyJwk(key)) as JsonObject,
    publicJwk: { ...publicJwk } as JsonObject,
    createdAt: now,
    retiredAt: undefined,
    expiresPublicAt: undefined,
  };
}

async function insert(tx: StoreTx, key: ClusterSigningKey): Promise<ClusterSigningKey> {
  const inserted = await tx.clusters.insertSigningKey(key);
  if (inserted instanceof StoreConflict) throw new Error(`signing key ${key.kid} of ${key.clusterName} already stored`);
  return inserted;
}

/** Deletes the keys the schedule says no token can need any more. */
async function dropRemovable(tx: StoreTx, clusterName: string, now: Date): Promise<void> {
  const plan = keySchedule(await tx.clusters.signingKeys(clusterName), now);
  for (const kid of plan.removableKids) await tx.clusters.deleteSigningKey(clusterName, kid);
}

/** Stores the first key of a new cluster (generated beforehand, outside the transaction); it signs at once. */
export async function storeFirstKey(tx: StoreTx, key: ClusterSigningKey): Promise<ClusterSigningKey> {
  return insert(tx, key);
}

/**
 * Scheduled rotation: when the signing key is due, `fresh` (generated beforehand) is stored, published
 * now and signing after the publish-ahead hour, and the current signer is marked to retire when it takes
 * over. Keys no token can need are dropped. Returns true when it wrote anything.
 */
export async function rotateIfDue(tx: StoreTx, clusterName: string, now: Date, fresh: ClusterSigningKey | undefined): Promise<boolean> {
  const plan = keySchedule(await tx.clusters.signingKeys(clusterName), now);
  if (!plan.rotateNow || fresh === undefined) {
    if (plan.removableKids.length === 0) return false;
    await dropRemovable(tx, clusterName, now);
    return true;
  }
  const stored = await insert(tx, { ...fresh, createdAt: now });
  if (plan.signingKid !== undefined) {
    const handover = plus(stored.createdAt, KEY_ROTATION_POLICY.publishAheadSeconds);
    await tx.clusters.retireSigningKey(clusterName, plan.signingKid, handover, plus(handover, PUBLISHED_TAIL_SECONDS));
  }
  await dropRemovable(tx, clusterName, now);
  return true;
}

/**
 * Rotation on demand: `fresh` signs from now; every other key retires now and stays published until the
 * tokens it signed have expired.
 */
export async function rotateNow(tx: StoreTx, clusterName: string, now: Date, fresh: ClusterSigningKey): Promise<ClusterSigningKey> {
  const others = await tx.clusters.signingKeys(clusterName);
  // The new key must be the newest even if the last one was made in this very millisecond.
  const newest = Math.max(0, ...others.map((key) => key.createdAt.getTime()));
  const at = new Date(Math.max(now.getTime(), newest + 1));
  const stored = await insert(tx, { ...fresh, createdAt: at });
  for (const key of others) {
    if (key.retiredAt === undefined || key.retiredAt > at) {
      await tx.clusters.retireSigningKey(clusterName, key.kid, at, plus(at, PUBLISHED_TAIL_SECONDS));
    }
  }
  await dropRemovable(tx, clusterName, at);
  return stored;
}
