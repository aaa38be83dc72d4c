import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testKey, signToken } from '../testing/signed-tokens.ts';
import { parseKeySet } from './issuer-documents.ts';
import { verifySignature } from './verify-signature.ts';

function compiled(keys: unknown[]) {
  const parsed = parseKeySet({ keys });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

const claims = { iss: 'https://issuer.example', sub: 'system:serviceaccount:default:app', aud: 'sts.amazonaws.com' };

// IAM User Guide, "Create an OpenID Connect (OIDC) identity provider in IAM": RS256/384/512 and
// ES256/384/512 signatures, checked with the published key the token's header selects; RFC 7518 3.3:
// RSA keys of at least 2048 bits.
describe('the signature of a web identity token (IAM "Create an OpenID Connect (OIDC) identity provider in IAM")', () => {
  it('accepts the RS256 and ES256 signatures of the published keys and refuses one flipped bit', async () => {
    for (const alg of ['RS256', 'ES256']) {
      const key = await testKey(alg, `k-${alg}`);
      const keys = compiled([key.publicJwk]);
      const token = await signToken(key, claims);
      expect(await verifySignature(token, keys), alg).toEqual({ ok: true });
      const [h, p, s = ''] = token.split('.');
      const bytes = Buffer.from(s, 'base64url');
      bytes[5] = (bytes[5] ?? 0) ^ 0x01;
      expect(await verifySignature(`${h}.${p}.${bytes.toString('base64url')}`, keys), alg).toMatchObject({ ok: false, kind: 'bad-signature' });
      expect(await verifySignature(`${h}.${p}.${s}*`, keys), alg).toMatchObject({ ok: false, kind: 'bad-signature' });
    }
  });

  /** An RS256 token signed with node:crypto, any header (jose's signer refuses some on purpose). */
  function rsaSigned(bits: number, header: Record<string, unknown>) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k', alg: 'RS256', use: 'sig' };
    const input = `${Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k', ...header })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return { keys: compiled([jwk]), token: `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}` };
  }

  it('refuses an RSA key shorter than 2048 bits even when the signature is right', async () => {
    const short = rsaSigned(1024, {});
    expect(await verifySignature(short.token, short.keys)).toMatchObject({ ok: false, kind: 'bad-signature', reason: expect.stringContaining('2048') });
    const long = rsaSigned(2048, {});
    expect(await verifySignature(long.token, long.keys)).toEqual({ ok: true });
  });

  it('a kid no published key has is no-key; a header with an unknown critical extension is refused', async () => {
    const key = await testKey('RS256', 'published');
    const other = await testKey('RS256', 'unpublished');
    const keys = compiled([key.publicJwk]);
    expect(await verifySignature(await signToken(other, claims), keys)).toMatchObject({ ok: false, kind: 'no-key' });
    const critical = rsaSigned(2048, { crit: ['x-podiam'], 'x-podiam': true });
    expect(await verifySignature(critical.token, critical.keys)).toMatchObject({ ok: false, kind: 'bad-signature', reason: expect.stringContaining('x-podiam') });
  });
});
