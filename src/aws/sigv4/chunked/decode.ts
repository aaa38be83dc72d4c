// Decoding of `Content-Encoding: aws-chunked` request bodies (S3 PutObject/UploadPart from the SDKs
// and the CLI), for the three streaming modes of x-amz-content-sha256:
//   STREAMING-AWS4-HMAC-SHA256-PAYLOAD           hex-size;chunk-signature=sig CRLF data CRLF ... 0;chunk-signature=sig CRLF CRLF
//   STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER   ... 0;chunk-signature=sig CRLF trailer CRLF x-amz-trailer-signature:sig CRLF CRLF
//   STREAMING-UNSIGNED-PAYLOAD-TRAILER           hex-size CRLF data CRLF ... 0 CRLF trailer CRLF CRLF
// (Amazon S3 API Reference, "Authenticating Requests: Using the Authorization Header (Chunked
// Upload)" and its trailing-headers variant.) Each chunk signature chains on the previous one,
// starting from the request signature. The decoded length must equal x-amz-decoded-content-length,
// and every chunk but the last must be at least 8 KiB (S3: InvalidChunkSizeError).
// Data is yielded as it arrives: a consumer must not commit it before the body completes.

import { createHash } from 'node:crypto';
import { awsError, type AwsError } from '../../errors/index.ts';
import { checksumAlgorithmOfHeader, createChecksum, type Checksum, type ChecksumAlgorithm } from '../../checksum/index.ts';
import { signaturesEqual } from '../signing-key.ts';
import type { ChunkSigningContext } from '../verification.ts';
import { ByteReader } from './byte-reader.ts';
import { canonicalTrailer, chunkSignature, trailerSignature } from './chunk-signature.ts';

/** The streaming modes of x-amz-content-sha256. */
export type AwsChunkedMode = 'streaming-signed' | 'streaming-signed-trailer' | 'streaming-unsigned-trailer';

/** What the decoder needs from the request's headers and signature. */
export interface AwsChunkedOptions {
  readonly mode: AwsChunkedMode;
  /** `x-amz-decoded-content-length`. */
  readonly decodedContentLength: number;
  /** From the verified request; required for the signed modes. */
  readonly signing?: ChunkSigningContext;
  /** `x-amz-trailer`: the trailing header the client announced (e.g. `x-amz-checksum-crc32`). */
  readonly trailer?: string;
  /** S3's minimum size of every chunk but the last: 8192 bytes. */
  readonly minChunkSize?: number;
}

/** A trailing checksum as the client sent it and as computed over the decoded data. */
export interface TrailingChecksum {
  readonly algorithm: ChecksumAlgorithm;
  readonly expected: string;
  readonly actual: string;
}

/** The decoded body and, once it has been read to its end, its trailer. */
export interface AwsChunkedBody {
  /** The decoded data; iteration throws an AwsError when the encoding is refused. */
  readonly body: AsyncGenerator<Buffer, void, undefined>;
  /** True once the body has been read completely and every signature verified. */
  readonly complete: boolean;
  /** The trailing headers (lower-case names); empty until complete. */
  readonly trailers: ReadonlyMap<string, string>;
  /** The announced trailing checksum, for the S3 layer to compare; undefined when none. */
  readonly checksum: TrailingChecksum | undefined;
}

const MAX_LINE = 4096;
const MIN_CHUNK = 8192;
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.';

/** Decodes an aws-chunked body read from `source`. */
export function decodeAwsChunked(source: AsyncIterable<Uint8Array>, options: AwsChunkedOptions): AwsChunkedBody {
  const signed = options.mode !== 'streaming-unsigned-trailer';
  if (signed && options.signing === undefined) {
    throw new TypeError(`decodeAwsChunked: mode ${options.mode} needs the request's signing context`);
  }
  const announced = options.trailer?.trim().toLowerCase();
  const algorithm = announced === undefined || announced === '' ? undefined : checksumAlgorithmOfHeader(announced);
  const state = {
    complete: false,
    trailers: new Map<string, string>() as ReadonlyMap<string, string>,
    checksum: undefined as TrailingChecksum | undefined,
  };
  const body = run(new ByteReader(source), options, algorithm === undefined ? undefined : createChecksum(algorithm), state);
  return {
    body,
    get complete() {
      return state.complete;
    },
    get trailers() {
      return state.trailers;
    },
    get checksum() {
      return state.checksum;
    },
  };
}

interface DecodeState {
  complete: boolean;
  trailers: ReadonlyMap<string, string>;
  checksum: TrailingChecksum | undefined;
}

async function* run(
  reader: ByteReader,
  options: AwsChunkedOptions,
  checksum: Checksum | undefined,
  state: DecodeState,
): AsyncGenerator<Buffer, void, undefined> {
  const signing = options.signing;
  const signed = options.mode !== 'streaming-unsigned-trailer';
  const minChunk = options.minChunkSize ?? MIN_CHUNK;
  let previous = signing?.seedSignature ?? '';
  let decoded = 0;
  let lastSize = -1;
  let chunkNumber = 0;

  for (;;) {
    chunkNumber++;
    const line = await reader.line(MAX_LINE);
    if (line === undefined || line === 'too-long' || line === 'truncated') throw incompleteBody(`chunk header: ${String(line)}`);
    const header = parseChunkHeader(line, signed);
    if (header === undefined) throw incompleteBody(`malformed chunk header ${JSON.stringify(line.slice(0, 100))}`);
    const { size } = header;
    if (size > 0 && lastSize >= 0 && lastSize < minChunk) {
      throw awsError('InvalidChunkSizeError', undefined, {
        fields: { Chunk: String(chunkNumber - 1), BadChunkSize: String(lastSize) },
        detail: `chunk of ${lastSize} bytes followed by one of ${size}`,
      });
    }
    if (decoded + size > options.decodedContentLength) {
      throw awsError('IncompleteBody', undefined, { detail: `more than ${options.decodedContentLength} decoded bytes` });
    }

    const hash = signed ? createHash('sha256') : undefined;
    let remaining = size;
    while (remaining > 0) {
      const piece = await reader.take(remaining);
      if (piece === undefined) throw incompleteBody(`stream ended ${remaining} bytes into a chunk`);
      hash?.update(piece);
      checksum?.update(piece);
      remaining -= piece.length;
      yield piece;
    }
    if (size > 0 && !(await reader.crlf())) throw incompleteBody('chunk data not followed by CRLF');

    if (signing !== undefined) {
      const expected = chunkSignature(signing, previous, (hash ?? createHash('sha256')).digest('hex'));
      if (header.signature === undefined || !signaturesEqual(expected, header.signature)) {
        throw awsError('SignatureDoesNotMatch', SIGNATURE_MISMATCH, { detail: `chunk signature after ${decoded} bytes` });
      }
      previous = header.signature;
    }
    decoded += size;
    if (size === 0) break;
    lastSize = size;
  }

  if (decoded !== options.decodedContentLength) {
    throw awsError('IncompleteBody', undefined, { detail: `decoded ${decoded} of ${options.decodedContentLength} bytes` });
  }

  const trailers = await readTrailer(reader, options, previous);
  const announced = options.trailer?.trim().toLowerCase();
  if (announced !== undefined && announced !== '' && !trailers.has(announced)) {
    throw awsError('MalformedTrailerError', undefined, { detail: `announced trailer ${announced} missing` });
  }
  if (!(await reader.atEnd())) throw awsError('IncompleteBody', undefined, { detail: 'data after the final chunk' });

  state.trailers = trailers;
  if (checksum !== undefined && announced !== undefined) {
    state.checksum = { algorithm: checksum.algorithm, expected: trailers.get(announced) ?? '', actual: checksum.digestBase64() };
  }
  state.complete = true;
}

// `hex-size` or `hex-size;chunk-signature=<64 hex>`.
function parseChunkHeader(line: string, signed: boolean): { size: number; signature: string | undefined } | undefined {
  const semi = line.indexOf(';');
  const sizeText = (semi < 0 ? line : line.slice(0, semi)).trim();
  if (!/^[0-9a-fA-F]{1,13}$/.test(sizeText)) return undefined;
  const size = parseInt(sizeText, 16);
  if (!signed) return semi < 0 ? { size, signature: undefined } : undefined;
  if (semi < 0) return { size, signature: undefined };
  const ext = line.slice(semi + 1);
  const m = /^chunk-signature=([0-9a-f]{64})$/.exec(ext);
  return m === null ? undefined : { size, signature: m[1] };
}

// The trailer section: `name:value` lines up to an empty line (or the end of the stream, as the
// SDK's encoder ends an unsigned body that has no trailer), the signed mode closing with
// `x-amz-trailer-signature`.
async function readTrailer(reader: ByteReader, options: AwsChunkedOptions, previous: string): Promise<Map<string, string>> {
  const trailers = new Map<string, string>();
  const ordered: [string, string][] = [];
  let signature: string | undefined;
  for (;;) {
    const line = await reader.line(MAX_LINE);
    if (line === undefined) break;
    if (line === 'too-long' || line === 'truncated') throw awsError('MalformedTrailerError', undefined, { detail: line });
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) throw awsError('MalformedTrailerError', undefined, { detail: `trailer line ${JSON.stringify(line.slice(0, 100))}` });
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') {
      signature = value;
      continue;
    }
    if (signature !== undefined) throw awsError('MalformedTrailerError', undefined, { detail: 'header after the trailer signature' });
    trailers.set(name, value);
    ordered.push([name, value]);
  }
  if (options.mode === 'streaming-signed' && trailers.size > 0) {
    throw awsError('MalformedTrailerError', undefined, { detail: 'trailer without a trailer mode' });
  }
  if (options.mode === 'streaming-signed-trailer') {
    const signing = options.signing;
    if (signing === undefined || signature === undefined) {
      throw awsError('SignatureDoesNotMatch', SIGNATURE_MISMATCH, { detail: 'missing x-amz-trailer-signature' });
    }
    const hash = createHash('sha256').update(canonicalTrailer(ordered)).digest('hex');
    if (!signaturesEqual(trailerSignature(signing, previous, hash), signature)) {
      throw awsError('SignatureDoesNotMatch', SIGNATURE_MISMATCH, { detail: 'trailer signature' });
    }
  }
  return trailers;
}

function incompleteBody(detail: string): AwsError {
  return awsError('IncompleteBody', 'The request body terminated unexpectedly', { detail });
}
