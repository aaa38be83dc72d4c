// CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, init and final XOR all ones), as S3's
// x-amz-checksum-crc64nvme uses it. Computed by hand with 32-bit halves (BigInt is too slow here).

const POLY_HI = 0x9a6c9329;
const POLY_LO = 0xac4bc9b5;

const TABLE_HI = new Uint32Array(256);
const TABLE_LO = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let hi = 0;
  let lo = n;
  for (let k = 0; k < 8; k++) {
    const lsb = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (lsb) {
      hi = (hi ^ POLY_HI) >>> 0;
      lo = (lo ^ POLY_LO) >>> 0;
    }
  }
  TABLE_HI[n] = hi;
  TABLE_LO[n] = lo;
}

/** A running CRC-64/NVME as two unsigned 32-bit halves. */
export interface Crc64 {
  readonly hi: number;
  readonly lo: number;
}

/** The starting value, to pass to the first {@link crc64nvme} call. */
export const CRC64_START: Crc64 = { hi: 0, lo: 0 };

/** Continues a CRC-64/NVME over more bytes. */
export function crc64nvme(data: Uint8Array, previous: Crc64 = CRC64_START): Crc64 {
  let hi = ~previous.hi >>> 0;
  let lo = ~previous.lo >>> 0;
  for (let i = 0; i < data.length; i++) {
    const index = (lo ^ (data[i] ?? 0)) & 0xff;
    // crc = table[index] ^ (crc >>> 8)
    const shiftedLo = ((lo >>> 8) | ((hi & 0xff) << 24)) >>> 0;
    const shiftedHi = hi >>> 8;
    lo = ((TABLE_LO[index] ?? 0) ^ shiftedLo) >>> 0;
    hi = ((TABLE_HI[index] ?? 0) ^ shiftedHi) >>> 0;
  }
  return { hi: ~hi >>> 0, lo: ~lo >>> 0 };
}

/** The 8 big-endian bytes of a CRC-64. */
export function crc64Bytes(crc: Crc64): Buffer {
  const out = Buffer.alloc(8);
  out.writeUInt32BE(crc.hi, 0);
  out.writeUInt32BE(crc.lo, 4);
  return out;
}
