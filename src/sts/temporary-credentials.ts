// Temporary security credentials (STS API Reference, "Credentials"): an `ASIA…` access key ID that
// carries the account, a fresh secret, and a session token that seals the session's claims under the
// server keys — any replica opens it, nothing is stored per session, and it survives restarts.
import { randomSlice, sealSessionToken, type SessionClaims, type SessionKeyring } from '../identity/index.ts';
import { accessKeyIdForAccount } from './access-key-account.ts';

/** The `Credentials` element of a response. */
export interface TemporaryCredentials {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly SessionToken: string;
  /** Whole seconds, as the wire shows it and as the token checks it. */
  readonly Expiration: Date;
}

/** What a session is, besides its keys and its lifetime. */
export type SessionDescription = Omit<SessionClaims, 'akid' | 'sk' | 'iat' | 'exp'>;

/** A 40-character secret access key (240 random bits), as IAM's are. */
function newSecret(): string {
  return randomSlice(30).toString('base64').replace(/\+/g, 'A').replace(/\//g, 'B');
}

/** Mints credentials for `session`, valid `durationSeconds` from `now`. */
export function issueCredentials(
  keyring: SessionKeyring,
  now: Date,
  durationSeconds: number,
  session: SessionDescription,
): TemporaryCredentials {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + durationSeconds;
  const accessKeyId = accessKeyIdForAccount('ASIA', session.p.accountId);
  const secret = newSecret();
  const claims: SessionClaims = { ...session, akid: accessKeyId, sk: secret, iat, exp };
  return { AccessKeyId: accessKeyId, SecretAccessKey: secret, SessionToken: sealSessionToken(claims, keyring), Expiration: new Date(exp * 1000) };
}
