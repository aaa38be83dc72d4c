// A request body as S3 checks it (Amazon S3 API Reference, "PutObject", "Common Request Headers";
// Amazon S3 User Guide, "Checking object integrity"): decoded from aws-chunked when the payload mode
// says so (with chunk and trailer signatures), hashed as it streams, and checked once it has ended —
// the signed x-amz-content-sha256 (XAmzContentSHA256Mismatch), Content-MD5 (InvalidDigest when not
// a base64 MD5, BadDigest when different), an `x-amz-checksum-<algorithm>` header or trailer
// (BadDigest; a header that is no such checksum at all is InvalidRequest: checksum-headers.ts). Nothing is trusted until `finish` has passed.
import type { IncomingMessage } from 'node:http';
import {
  awsError,
  checksumAlgorithmOfHeader,
  checksumMismatch,
  chunkedOptionsFor,
  decodeAwsChunked,
  isAwsError,
  payloadHashMismatch,
  type AwsChunkedBody,
  type AwsError,
  type ChecksumAlgorithm,
  type PayloadMode,
  type VerifiedRequest,
} from '../aws/index.ts';
import type { Caller } from '../identity/index.ts';
import { startBodyDigests, type BodyDigester, type BodyDigestValues } from './body-digester.ts';
import { checkChecksumValue, checkSdkChecksumAlgorithm } from './checksum-headers.ts';

/** What a checked body was. */
export interface BodyDigest {
  readonly size: number;
  /** MD5 hex (the ETag of an object written whole). */
  readonly md5: string;
  /** The flexible checksum the client sent (header or trailer), verified. */
  readonly checksum: { readonly algorithm: ChecksumAlgorithm; readonly value: string } | undefined;
}

const BASE64_MD5 = /^[A-Za-z0-9+/]{22}==$/;

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The body of one request, decoded and checked. */
export class RequestBody {
  /** The number of bytes the body will have (Content-Length, or x-amz-decoded-content-length). */
  readonly length: number | undefined;
  readonly #source: AsyncIterable<Buffer>;
  readonly #payload: PayloadMode;
  readonly #chunked: AwsChunkedBody | undefined;
  readonly #contentMd5: string | undefined;
  readonly #headerChecksum: { algorithm: ChecksumAlgorithm; value: string } | undefined;
  readonly #digester: BodyDigester;
  #size = 0;
  /** Set once the body has been read to its end and hashed. */
  #digests: BodyDigestValues | undefined;

  private constructor(
    source: AsyncIterable<Buffer>,
    payload: PayloadMode,
    chunked: AwsChunkedBody | undefined,
    length: number | undefined,
    contentMd5: string | undefined,
    headerChecksum: { algorithm: ChecksumAlgorithm; value: string } | undefined,
  ) {
    this.#source = source;
    this.#payload = payload;
    this.#chunked = chunked;
    this.length = length;
    this.#contentMd5 = contentMd5;
    this.#headerChecksum = headerChecksum;
    this.#digester = startBodyDigests({ sha256: payload.kind === 'sha256', checksum: headerChecksum?.algorithm, expectedLength: length });
  }

  /** Opens the body of a verified (or anonymous: undefined) request; refuses bad integrity headers at once. */
  static open(req: IncomingMessage, verified: VerifiedRequest<Caller> | undefined): RequestBody | AwsError {
    const contentMd5 = header(req, 'content-md5');
    if (contentMd5 !== undefined && !BASE64_MD5.test(contentMd5.trim())) return awsError('InvalidDigest');
    let headerChecksum: { algorithm: ChecksumAlgorithm; value: string } | undefined;
    for (const name of Object.keys(req.headers)) {
      const algorithm = checksumAlgorithmOfHeader(name);
      const value = header(req, name);
      if (algorithm === undefined || value === undefined) continue;
      if (headerChecksum !== undefined) {
        return awsError('InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
      }
      headerChecksum = { algorithm, value: value.trim() };
      const invalid = checkChecksumValue(algorithm, headerChecksum.value);
      if (invalid !== undefined) return invalid;
    }
    const sdkAlgorithm = checkSdkChecksumAlgorithm(req.headers, headerChecksum?.algorithm);
    if (sdkAlgorithm !== undefined) return sdkAlgorithm;
    const payload: PayloadMode = verified?.payload ?? { kind: 'unsigned' };
    const lengthText = header(req, 'content-length');
    let length = lengthText === undefined ? undefined : Number(lengthText);
    let chunked: AwsChunkedBody | undefined;
    let source: AsyncIterable<Buffer> = req;
    if (verified !== undefined) {
      const options = chunkedOptionsFor(verified, req.headersDistinct);
      if (isAwsError(options)) return options;
      if (options !== undefined) {
        chunked = decodeAwsChunked(req, options);
        source = chunked.body;
        length = options.decodedContentLength;
      }
    }
    return new RequestBody(source, payload, chunked, length, contentMd5?.trim(), headerChecksum);
  }

  /** The decoded bytes, hashed on the way (a large body on another thread, waited for at its end). Iterate once. */
  async *chunks(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of this.#source) {
        this.#size += chunk.length;
        const behind = this.#digester.update(chunk);
        // Handled now, awaited after the chunk has gone on (the file write overlaps the wait): the
        // digest thread could die while this generator is suspended at the yield, and a rejection
        // with nothing listening yet would be an unhandled one, which ends the process.
        behind?.catch(() => undefined);
        yield chunk;
        if (behind !== undefined) await behind;
      }
      this.#digests = await this.#digester.digests();
    } finally {
      if (this.#digests === undefined) this.#digester.cancel();
    }
  }

  /** Reads the whole body into memory, up to `limit` bytes (larger: undefined). For small XML/JSON bodies. */
  async buffer(limit: number): Promise<Buffer | undefined> {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.chunks()) {
      size += chunk.length;
      if (size > limit) return undefined;
      parts.push(chunk);
    }
    return Buffer.concat(parts);
  }

  /** Checks the body after it has been read to its end. */
  finish(): BodyDigest | AwsError {
    const digests = this.#digests;
    if (digests === undefined) return awsError('IncompleteBody', 'The request body terminated unexpectedly', { detail: 'body not read to its end' });
    if (this.length !== undefined && this.#size !== this.length) {
      return awsError('IncompleteBody', undefined, { detail: `${this.#size} of ${this.length} bytes` });
    }
    if (digests.sha256 !== undefined && this.#payload.kind === 'sha256') {
      if (digests.sha256 !== this.#payload.sha256) return payloadHashMismatch(this.#payload.sha256, digests.sha256);
    }
    const md5 = Buffer.from(digests.md5, 'hex');
    if (this.#contentMd5 !== undefined && md5.toString('base64') !== this.#contentMd5) {
      return awsError('BadDigest', undefined, { fields: { ExpectedDigest: Buffer.from(this.#contentMd5, 'base64').toString('hex'), CalculatedDigest: md5.toString('base64') } });
    }
    let checksum: BodyDigest['checksum'];
    if (this.#headerChecksum !== undefined && digests.checksum !== undefined) {
      const actual = digests.checksum;
      if (actual !== this.#headerChecksum.value) return checksumMismatch(this.#headerChecksum.algorithm, this.#headerChecksum.value, actual);
      checksum = this.#headerChecksum;
    }
    const trailing = this.#chunked?.checksum;
    if (trailing !== undefined) {
      if (trailing.expected !== trailing.actual) return checksumMismatch(trailing.algorithm, trailing.expected, trailing.actual);
      checksum = { algorithm: trailing.algorithm, value: trailing.actual };
    }
    return { size: this.#size, md5: digests.md5, checksum };
  }
}
