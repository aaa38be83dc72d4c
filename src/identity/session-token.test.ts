import { createCipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openSessionToken, sealSessionToken, type SessionClaims, type SessionKeyring } from './session-token.ts';

const key = { id: 7, key: randomBytes(32) };
const keyring: SessionKeyring = { current: key, byId: new Map([[key.id, key]]) };
const claims: SessionClaims = {
  akid: 'ASIAEXAMPLE000000001',
  sk: 'secret',
  iat: 1_700_000_000,
  exp: 1_700_003_600,
  via: 'AssumeRoleWithWebIdentity',
  p: { type: 'AssumedRole', arn: 'arn:aws:sts::123456789012:assumed-role/r/s', accountId: '123456789012', userId: 'AROAEXAMPLE:s', roleArn: 'arn:aws:iam::123456789012:role/r', sessionName: 's' },
  tags: { team: 'ä-team' },
};

/** A token in format 1 (deflated claims), as servers before format 2 minted them. */
function formatOneToken(c: SessionClaims): string {
  const header = Buffer.concat([Buffer.from('PDM1', 'latin1'), Buffer.from([0, key.id])]);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(deflateRawSync(Buffer.from(JSON.stringify(c)))), cipher.final()]);
  return Buffer.concat([header, nonce, body, cipher.getAuthTag()]).toString('base64');
}

// IAM User Guide, "Temporary security credentials in IAM": the session token travels with every request
// made with temporary credentials and must prove the session; podiam seals the session's claims in it.
describe('session tokens seal the session (Temporary security credentials in IAM)', () => {
  it('opens what it sealed, with the same claims (non-ASCII tag values included)', () => {
    const opened = openSessionToken(sealSessionToken(claims, keyring), keyring);
    expect(opened).toEqual({ ok: true, claims });
  });

  it('never seals two tokens alike, even for the same claims (a fresh nonce each time)', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => sealSessionToken(claims, keyring)));
    expect(tokens.size).toBe(200);
  });

  it('still opens format-1 tokens minted before the format changed (sessions survive an upgrade)', () => {
    expect(openSessionToken(formatOneToken(claims), keyring)).toEqual({ ok: true, claims });
  });

  it('any flipped byte makes the token forged or malformed, never other claims', () => {
    const raw = Buffer.from(sealSessionToken(claims, keyring), 'base64');
    for (let i = 0; i < raw.length; i += 1) {
      const bad = Buffer.from(raw);
      bad[i] = (bad[i] ?? 0) ^ 0x01;
      const opened = openSessionToken(bad.toString('base64'), keyring);
      expect(opened.ok, `byte ${i}`).toBe(false);
    }
  });

  it('a key the keyring no longer holds gives unknown-key; garbage gives malformed', () => {
    const other: SessionKeyring = { current: { id: 8, key: randomBytes(32) }, byId: new Map() };
    expect(openSessionToken(sealSessionToken(claims, other), keyring)).toEqual({ ok: false, problem: 'unknown-key' });
    expect(openSessionToken('not a token', keyring)).toEqual({ ok: false, problem: 'malformed' });
  });
});
