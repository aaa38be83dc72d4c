// Callers resolved from temporary credentials, remembered per (access key, session token) for the
// life of the snapshot they were resolved against: opening a session token (decrypting and
// inflating it) on every request would cost more than the rest of a small GetObject. A session's
// expiry is checked on every use, and a new snapshot (an IAM write anywhere) starts afresh, so a
// remembered caller never outlives what it was resolved from.
import { tokenRefusal, type AwsError } from '../aws/index.ts';
import { resolveCaller, type Caller, type IamSnapshot, type SessionKeyring } from '../identity/index.ts';

const MAX_ENTRIES = 10_000;

/** The callers of one server. */
export class CallerCache {
  #revision = -1;
  #entries = new Map<string, Caller>();

  /** `resolveCaller` for S3, remembering temporary credentials' callers. */
  resolve(snapshot: IamSnapshot, keyring: SessionKeyring, accessKeyId: string, token: string | undefined, nowMs: number): Caller | AwsError | undefined {
    if (token === undefined || token === '') return resolveCaller(snapshot, keyring, accessKeyId, token, nowMs, 's3');
    if (snapshot.revision !== this.#revision) {
      this.#revision = snapshot.revision;
      this.#entries = new Map();
    }
    const key = `${accessKeyId}\n${token}`;
    const known = this.#entries.get(key);
    if (known !== undefined) {
      const exp = known.session?.exp ?? 0;
      return exp * 1000 <= nowMs ? tokenRefusal('s3', 'expired') : known;
    }
    const resolved = resolveCaller(snapshot, keyring, accessKeyId, token, nowMs, 's3');
    if (resolved !== undefined && 'principal' in resolved && resolved.session !== undefined) {
      if (this.#entries.size >= MAX_ENTRIES) this.#entries = new Map();
      this.#entries.set(key, resolved);
    }
    return resolved;
  }
}
