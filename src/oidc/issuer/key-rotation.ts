// When the issuer rotates its signing key, and which keys it publishes meanwhile: pure functions of the
// stored keys, the policy and the clock. OpenID Connect Core 1.0, 10.1.1 (rotation of asymmetric signing
// keys): publish the new key before signing with it, and keep publishing the old one until every token it
// signed has expired. A new key therefore signs only once relying parties had time to refetch the JWKS
// (publishAheadSeconds, at least the JWKS max-age of one hour); an old key stays published for the longest
// token lifetime plus the clock skew STS allows past `exp` (five minutes, IAM User Guide "OIDC federation").

/** A signing key as stored: when it was created and, if an operator retired it, when. Seconds since the epoch. */
export interface SigningKeyRecord {
  readonly kid: string;
  readonly createdAt: number;
  readonly retiredAt?: number;
}

export interface KeyRotationPolicy {
  /** Age at which the signing key should be replaced. */
  readonly rotateAfterSeconds: number;
  /** The longest lifetime of a token the issuer mints (TokenRequest max expiration). */
  readonly maxTokenLifetimeSeconds: number;
  /** How long a new key is published before it signs (default: the JWKS max-age, 3600). */
  readonly publishAheadSeconds?: number;
  /** Allowance past `exp` a verifier may grant (default: STS's 300). */
  readonly clockSkewSeconds?: number;
}

export interface KeyRotationPlan {
  /** The key that signs now (undefined only when there is no usable key). */
  readonly signingKid: string | undefined;
  /** Every key the JWKS must carry now, oldest first. */
  readonly publishedKids: readonly string[];
  /** Published keys that do not sign yet. */
  readonly pendingKids: readonly string[];
  /** Keys no token can need any more: safe to delete. */
  readonly removableKids: readonly string[];
  /** True when a new key should be generated now. */
  readonly rotateNow: boolean;
}

interface Timeline {
  readonly record: SigningKeyRecord;
  /** When the key starts signing. */
  readonly activatesAt: number;
  /** When the key stops signing (a newer key took over, or it was retired); Infinity while it may still sign. */
  readonly endsAt: number;
}

function byCreation(a: SigningKeyRecord, b: SigningKeyRecord): number {
  return a.createdAt - b.createdAt || (a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : 0);
}

/** Each key's signing period: the first key signs at once, later keys after publishAheadSeconds. */
function timelines(keys: readonly SigningKeyRecord[], publishAhead: number): Timeline[] {
  const sorted = [...keys].sort(byCreation);
  const starts = sorted.map((record, index) => (index === 0 ? record.createdAt : record.createdAt + publishAhead));
  return sorted.map((record, index) => {
    const activatesAt = starts[index] ?? record.createdAt;
    const retired = record.retiredAt ?? Number.POSITIVE_INFINITY;
    // The next key that actually takes over (one retired before it activates never does).
    const takeover = sorted.findIndex(
      (later, laterIndex) => laterIndex > index && (later.retiredAt ?? Number.POSITIVE_INFINITY) > (starts[laterIndex] ?? later.createdAt),
    );
    const handedOver = takeover === -1 ? Number.POSITIVE_INFINITY : Math.max(activatesAt, starts[takeover] ?? activatesAt);
    return { record, activatesAt, endsAt: Math.min(retired, handedOver) };
  });
}

/** Decides which key signs, which keys are published, which can go, and whether to rotate, at `now` (seconds). */
export function planKeyRotation(keys: readonly SigningKeyRecord[], policy: KeyRotationPolicy, now: number): KeyRotationPlan {
  const publishAhead = policy.publishAheadSeconds ?? 3600;
  const skew = policy.clockSkewSeconds ?? 300;
  const tail = policy.maxTokenLifetimeSeconds + skew;
  const lines = timelines(keys, publishAhead);

  const signing =
    lines.filter((line) => line.activatesAt <= now && now < line.endsAt).at(-1) ??
    // No key is due to sign (the signer was retired early): sign with the newest unretired key rather than stop.
    lines.filter((line) => line.record.createdAt <= now && now < (line.record.retiredAt ?? Number.POSITIVE_INFINITY)).at(-1);

  const published: string[] = [];
  const pending: string[] = [];
  const removable: string[] = [];
  for (const line of lines) {
    const kid = line.record.kid;
    const signedBefore = line.activatesAt < line.endsAt;
    if (kid === signing?.record.kid) published.push(kid);
    else if (line.activatesAt > now && now < line.endsAt) {
      published.push(kid);
      pending.push(kid);
    } else if (signedBefore && now < line.endsAt + tail) published.push(kid);
    else removable.push(kid);
  }

  const rotateNow =
    signing === undefined ||
    (pending.length === 0 && now >= signing.record.createdAt + policy.rotateAfterSeconds);
  return { signingKid: signing?.record.kid, publishedKids: published, pendingKids: pending, removableKids: removable, rotateNow };
}
