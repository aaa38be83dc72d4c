// New credentials in AWS's formats: `AKIA…` (long-term) and `ASIA…` (temporary) access key IDs of 20
// characters, 40-character secrets (IAM User Guide, "Unique identifiers": prefixes of IDs).
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A new unique ID with an IAM prefix (`AKIA`, `ASIA`, `AROA`, `AIDA`, `ANPA`, `AGPA`, `AIPA`): prefix + 16 characters. */
export function newUniqueId(prefix: 'AKIA' | 'ASIA' | 'AROA' | 'AIDA' | 'ANPA' | 'AGPA' | 'AIPA'): string {
  let out = prefix;
  for (const b of randomBytes(16)) out += ALPHABET[b & 31];
  return out;
}

/** A new 40-character secret access key. */
export function newSecretAccessKey(): string {
  return randomBytes(30).toString('base64').replace(/\+/g, 'A').replace(/\//g, 'B').slice(0, 40);
}
