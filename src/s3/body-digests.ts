// The digests of one request body, computed in order on whichever thread holds them: the MD5 (the
// ETag, and what Content-MD5 is checked against), the SHA-256 of a signed payload, and a flexible
// checksum. body-digester.ts runs them inline for small bodies; digest-thread.ts for large ones.
import { createHash, type Hash } from 'node:crypto';
import { createChecksum, type Checksum, type ChecksumAlgorithm } from '../aws/index.ts';

/** A body's digests: MD5 and SHA-256 in hex, the checksum in base64 (as S3 writes it). */
export interface BodyDigestValues {
  readonly md5: string;
  readonly sha256: string | undefined;
  readonly checksum: string | undefined;
}

/** The running digests of one body. */
export class BodyDigests {
  readonly #md5: Hash = createHash('md5');
  readonly #sha256: Hash | undefined;
  readonly #checksum: Checksum | undefined;

  constructor(sha256: boolean, checksum: ChecksumAlgorithm | undefined) {
    this.#sha256 = sha256 ? createHash('sha256') : undefined;
    this.#checksum = checksum === undefined ? undefined : createChecksum(checksum);
  }

  update(bytes: Uint8Array): void {
    this.#md5.update(bytes);
    this.#sha256?.update(bytes);
    this.#checksum?.update(bytes);
  }

  /** The digests of everything given; once. */
  values(): BodyDigestValues {
    return { md5: this.#md5.digest('hex'), sha256: this.#sha256?.digest('hex'), checksum: this.#checksum?.digestBase64() };
  }
}
