// IMDSv2 session tokens (Amazon EC2 User Guide, "Use the Instance Metadata Service to access instance
// metadata"): `PUT /latest/api/token` with `X-aws-ec2-metadata-token-ttl-seconds` between 1 and 21600
// returns an opaque token that later GETs send as `X-aws-ec2-metadata-token`. The agent mints its own
// tokens: an expiry and a MAC over the expiry, the caller's IP and its pod's UID. A token therefore
// stops working when its IP passes to another pod, and cannot be used from another IP.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Token TTL bounds in seconds. */
export const MIN_TOKEN_TTL_SECONDS = 1;
export const MAX_TOKEN_TTL_SECONDS = 21600;

const VERSION = 1;
const MAC_BYTES = 20;

/** Mints and checks IMDSv2 tokens with a key that lives as long as the agent. */
export class MetadataTokens {
  readonly #key: Buffer;
  readonly #now: () => number;

  constructor(now: () => number = Date.now, key: Buffer = randomBytes(32)) {
    this.#key = key;
    this.#now = now;
  }

  /** Parses the TTL header: an integer in [1, 21600], or undefined (IMDS answers 400). */
  static parseTtl(header: string | undefined): number | undefined {
    if (header === undefined || !/^\d{1,5}$/.test(header.trim())) return undefined;
    const ttl = Number(header.trim());
    return ttl >= MIN_TOKEN_TTL_SECONDS && ttl <= MAX_TOKEN_TTL_SECONDS ? ttl : undefined;
  }

  /** A token for `subject` (the caller's IP and pod UID) valid for `ttlSeconds`. */
  mint(subject: string, ttlSeconds: number): string {
    const body = Buffer.alloc(1 + 4 + 8);
    body.writeUInt8(VERSION, 0);
    body.writeUInt32BE(Math.floor(this.#now() / 1000) + ttlSeconds, 1);
    randomBytes(8).copy(body, 5);
    return Buffer.concat([body, this.#mac(body, subject)]).toString('base64url');
  }

  /** Whether the token was minted for `subject` and has not expired. */
  verify(token: string, subject: string): boolean {
    if (token.length > 64 || !/^[A-Za-z0-9_-]+$/.test(token)) return false;
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== 13 + MAC_BYTES || bytes.readUInt8(0) !== VERSION) return false;
    const body = bytes.subarray(0, 13);
    if (!timingSafeEqual(bytes.subarray(13), this.#mac(body, subject))) return false;
    return bytes.readUInt32BE(1) > Math.floor(this.#now() / 1000);
  }

  #mac(body: Buffer, subject: string): Buffer {
    return createHmac('sha256', this.#key).update(body).update(subject).digest().subarray(0, MAC_BYTES);
  }
}
