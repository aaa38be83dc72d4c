// The account inside an access key ID. AWS encodes the owning account in the 16 characters after the
// four-letter prefix (base32, RFC 4648 alphabet): of the first six decoded bytes, the 40 bits under the
// mask 0x7fffffffff80 are the account number. That is how STS GetAccessKeyInfo answers for any key
// without a look-up (STS API Reference, "GetAccessKeyInfo"; the layout is public research on AWS key
// IDs). podiam mints its temporary `ASIA…` key IDs the same way, so that any replica can answer
// GetAccessKeyInfo for them without keeping a record of every session.
import { randomSlice } from '../identity/index.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ACCOUNT_MASK = 0x7fffffffff80n;
const KEY_ID = /^[A-Z]{4}[A-Z2-7]{16}$/;

function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

function unbase32(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let i = 0;
  for (const ch of text) {
    buffer = (buffer << 5) | ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out[i++] = (buffer >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/** A new access key ID with `prefix` (`ASIA`, `AKIA`) carrying `accountId` as AWS lays it out; the rest is random. */
export function accessKeyIdForAccount(prefix: 'ASIA' | 'AKIA', accountId: string): string {
  const random = randomSlice(10);
  const bytes = new Uint8Array(10);
  bytes.set(random);
  // The first six bytes: a random top bit, the 40-bit account, seven random low bits (47 bits fit a double).
  let head = (Number(accountId) % 2 ** 40) * 128 + ((random[5] ?? 0) & 0x7f) + ((random[0] ?? 0) & 0x80 ? 2 ** 47 : 0);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = head % 256;
    head = Math.floor(head / 256);
  }
  return prefix + base32(bytes);
}

/** The account encoded in a 20-character key ID, or undefined when it is not one. */
export function accountOfAccessKeyId(accessKeyId: string): string | undefined {
  if (!KEY_ID.test(accessKeyId)) return undefined;
  const bytes = unbase32(accessKeyId.slice(4));
  let head = 0n;
  for (let i = 0; i < 6; i++) head = (head << 8n) | BigInt(bytes[i] ?? 0);
  return ((head & ACCOUNT_MASK) >> 7n).toString().padStart(12, '0');
}
