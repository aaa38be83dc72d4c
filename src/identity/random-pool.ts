// Random bytes for credentials, drawn from a pre-filled pool: each crypto.randomBytes call costs a
// system call, and minting credentials needs three small draws per request. Every byte of the pool
// (CSPRNG output) is handed out once.
import { randomBytes } from 'node:crypto';

const POOL_BYTES = 16 * 1024;
let pool = randomBytes(POOL_BYTES);
let offset = 0;

/** `n` fresh random bytes (n ≤ 16 KiB). */
export function randomSlice(n: number): Buffer {
  if (offset + n > POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + n);
  offset += n;
  return out;
}
