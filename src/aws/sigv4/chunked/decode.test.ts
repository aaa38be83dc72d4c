import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { getAwsChunkedEncodingStream } from '@smithy/util-stream';
import { describe, expect, it } from 'vitest';
import { AwsError } from '../../errors/index.ts';
import { verifySigV4 } from '../verify.ts';
import type { ChunkSigningContext } from '../verification.ts';
import { chunkedOptionsFor, decodeAwsChunked, type AwsChunkedOptions } from './index.ts';

// Amazon S3 API Reference, "Signature Calculations for the Authorization Header: Transferring
// Payload in Multiple Chunks (Chunked Upload)": the published example and its signatures.
const SEED = '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9';
const CHUNK_1 = 'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648';
const CHUNK_2 = '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497';
const CHUNK_FINAL = 'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9';
// aws-crt's chunk-signer test signs the trailer first:1st, second:2nd, third:3rd after the example.
const TRAILER_SIGNATURE = 'df5735bd9f3295cd9386572292562fefc93ba94e80a0a1ddcbd652c4e0a75e6c';

const EXAMPLE_REQUEST = {
  method: 'PUT',
  url: '/examplebucket/chunkObject.txt',
  headers: {
    host: 's3.amazonaws.com',
    'x-amz-date': '20130524T000000Z',
    'x-amz-storage-class': 'REDUCED_REDUNDANCY',
    'content-encoding': 'aws-chunked',
    'x-amz-decoded-content-length': '66560',
    'content-length': '66824',
    'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=' +
      SEED,
  },
};

async function exampleContext(): Promise<ChunkSigningContext> {
  const verified = await verifySigV4(EXAMPLE_REQUEST, {
    dialect: 's3',
    service: 's3',
    regions: ['us-east-1'],
    now: Date.UTC(2013, 4, 24, 0, 5, 0),
    lookup: async () => ({ secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }),
  });
  if (!verified.ok || verified.anonymous || verified.chunkSigning === undefined) throw new Error('seed request did not verify');
  return verified.chunkSigning;
}

function signedChunk(size: number, signature: string, fill = 'a'): string {
  return `${size.toString(16)};chunk-signature=${signature}\r\n${fill.repeat(size)}\r\n`;
}

function exampleBody(): string {
  return signedChunk(65536, CHUNK_1) + signedChunk(1024, CHUNK_2) + `0;chunk-signature=${CHUNK_FINAL}\r\n\r\n`;
}

function pieces(text: string | Buffer, size: number): AsyncIterable<Buffer> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
  return (async function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  })();
}

async function drain(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const piece of body) out.push(piece);
  return Buffer.concat(out);
}

async function refusal(source: AsyncIterable<Buffer>, options: AwsChunkedOptions): Promise<AwsError> {
  try {
    await drain(decodeAwsChunked(source, options).body);
  } catch (err) {
    if (err instanceof AwsError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('Amazon S3 "Transferring Payload in Multiple Chunks": STREAMING-AWS4-HMAC-SHA256-PAYLOAD', () => {
  it("the published example's request signature verifies as the seed", async () => {
    const context = await exampleContext();
    expect(context.seedSignature).toBe(SEED);
    expect(context.scope).toBe('20130524/us-east-1/s3/aws4_request');
  });

  it.each([1, 7, 4096, 100_000])('the published chunks decode and verify, read %i bytes at a time', async (size) => {
    const decoded = decodeAwsChunked(pieces(exampleBody(), size), {
      mode: 'streaming-signed',
      decodedContentLength: 66560,
      signing: await exampleContext(),
    });
    const data = await drain(decoded.body);
    expect(data.length).toBe(66560);
    expect(data.every((b) => b === 0x61)).toBe(true);
    expect(decoded.complete).toBe(true);
    expect(decoded.checksum).toBeUndefined();
  });

  it('one changed data byte breaks its chunk signature: SignatureDoesNotMatch', async () => {
    const body = Buffer.from(exampleBody(), 'latin1');
    body[body.length - 200] = 0x62; // inside the 1024-byte chunk
    const err = await refusal(pieces(body, 8192), { mode: 'streaming-signed', decodedContentLength: 66560, signing: await exampleContext() });
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.status).toBe(403);
  });

  it('chunks swapped break the chain', async () => {
    const body = signedChunk(1024, CHUNK_2) + signedChunk(65536, CHUNK_1) + `0;chunk-signature=${CHUNK_FINAL}\r\n\r\n`;
    const err = await refusal(pieces(body, 8192), {
      mode: 'streaming-signed',
      decodedContentLength: 66560,
      signing: await exampleContext(),
      minChunkSize: 0,
    });
    expect(err.code).toBe('SignatureDoesNotMatch');
  });

  it('a chunk without a signature is refused', async () => {
    const body = `10000\r\n${'a'.repeat(65536)}\r\n`;
    const err = await refusal(pieces(body, 8192), { mode: 'streaming-signed', decodedContentLength: 66560, signing: await exampleContext() });
    expect(err.code).toBe('SignatureDoesNotMatch');
  });

  it('a body that stops early: IncompleteBody', async () => {
    const body = exampleBody().slice(0, 60_000);
    const err = await refusal(pieces(body, 8192), { mode: 'streaming-signed', decodedContentLength: 66560, signing: await exampleContext() });
    expect(err.code).toBe('IncompleteBody');
    expect(err.status).toBe(400);
  });

  it('x-amz-decoded-content-length that disagrees with the chunks: IncompleteBody', async () => {
    const context = await exampleContext();
    expect((await refusal(pieces(exampleBody(), 8192), { mode: 'streaming-signed', decodedContentLength: 66561, signing: context })).code).toBe(
      'IncompleteBody',
    );
    expect((await refusal(pieces(exampleBody(), 8192), { mode: 'streaming-signed', decodedContentLength: 1000, signing: context })).code).toBe(
      'IncompleteBody',
    );
  });

  it('bytes after the final chunk: IncompleteBody', async () => {
    const err = await refusal(pieces(exampleBody() + 'junk', 8192), {
      mode: 'streaming-signed',
      decodedContentLength: 66560,
      signing: await exampleContext(),
    });
    expect(err.code).toBe('IncompleteBody');
  });

  it('end to end: verify the request, read its chunked options from the headers, decode the body', async () => {
    const verified = await verifySigV4(EXAMPLE_REQUEST, {
      dialect: 's3',
      service: 's3',
      regions: ['us-east-1'],
      now: Date.UTC(2013, 4, 24, 0, 5, 0),
      lookup: async () => ({ secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }),
    });
    if (!verified.ok || verified.anonymous) throw new Error('did not verify');
    const options = chunkedOptionsFor(verified, EXAMPLE_REQUEST.headers);
    if (options === undefined || options instanceof AwsError) throw new Error('no options');
    expect(options.mode).toBe('streaming-signed');
    expect(options.decodedContentLength).toBe(66560);
    const decoded = decodeAwsChunked(pieces(exampleBody(), 1000), options);
    expect((await drain(decoded.body)).length).toBe(66560);
    expect(decoded.complete).toBe(true);
  });

  it('a streaming request without x-amz-decoded-content-length: MissingContentLength', async () => {
    const { 'x-amz-decoded-content-length': _dropped, ...headers } = EXAMPLE_REQUEST.headers;
    const verified = { ok: true, anonymous: false, payload: { kind: 'streaming-signed' }, chunkSigning: await exampleContext() } as never;
    const options = chunkedOptionsFor(verified, headers);
    expect(options instanceof AwsError && options.code).toBe('MissingContentLength');
  });

  it('signed modes need the signing context (a programming error, thrown at once)', () => {
    expect(() => decodeAwsChunked(pieces('', 1), { mode: 'streaming-signed', decodedContentLength: 0 })).toThrow(TypeError);
  });
});

describe('Amazon S3 "Including Trailing Headers": STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', () => {
  const trailerBody = (signature: string) =>
    signedChunk(65536, CHUNK_1) +
    signedChunk(1024, CHUNK_2) +
    `0;chunk-signature=${CHUNK_FINAL}\r\nfirst:1st\r\nsecond:2nd\r\nthird:3rd\r\nx-amz-trailer-signature:${signature}\r\n\r\n`;

  it('the trailer signature chains on the final chunk signature', async () => {
    const decoded = decodeAwsChunked(pieces(trailerBody(TRAILER_SIGNATURE), 5000), {
      mode: 'streaming-signed-trailer',
      decodedContentLength: 66560,
      signing: await exampleContext(),
    });
    expect((await drain(decoded.body)).length).toBe(66560);
    expect([...decoded.trailers]).toEqual([
      ['first', '1st'],
      ['second', '2nd'],
      ['third', '3rd'],
    ]);
  });

  it('a wrong trailer signature: SignatureDoesNotMatch', async () => {
    const err = await refusal(pieces(trailerBody(CHUNK_FINAL), 5000), {
      mode: 'streaming-signed-trailer',
      decodedContentLength: 66560,
      signing: await exampleContext(),
    });
    expect(err.code).toBe('SignatureDoesNotMatch');
  });
});

describe('Amazon S3 "Checking object integrity": STREAMING-UNSIGNED-PAYLOAD-TRAILER as the SDK v3 encodes it', () => {
  class Crc32 {
    private state = 0;
    update(data: Uint8Array): void {
      this.state = crc32(data, this.state);
    }
    async digest(): Promise<Uint8Array> {
      const out = Buffer.alloc(4);
      out.writeUInt32BE(this.state >>> 0);
      return out;
    }
  }

  function sdkEncoded(parts: Buffer[]): Readable {
    const source = Readable.from(parts);
    return getAwsChunkedEncodingStream(source, {
      base64Encoder: (bytes: Uint8Array) => Buffer.from(bytes).toString('base64'),
      bodyLengthChecker: (data: unknown) => (data as Buffer).length,
      checksumAlgorithmFn: Crc32 as never,
      checksumLocationName: 'x-amz-checksum-crc32',
      streamHasher: ((_ctor: unknown, stream: Readable) =>
        new Promise<Uint8Array>((resolve) => {
          const hash = new Crc32();
          stream.on('data', (d: Buffer) => hash.update(d));
          stream.on('end', () => void hash.digest().then(resolve));
        })) as never,
    }) as Readable;
  }

  it('decodes the data and returns the trailing CRC32 with the computed one', async () => {
    const parts = [Buffer.alloc(9000, 1), Buffer.alloc(8192, 2), Buffer.from('tail')];
    const decoded = decodeAwsChunked(sdkEncoded(parts), {
      mode: 'streaming-unsigned-trailer',
      decodedContentLength: 9000 + 8192 + 4,
      trailer: 'x-amz-checksum-crc32',
    });
    expect(await drain(decoded.body)).toEqual(Buffer.concat(parts));
    expect(decoded.checksum?.algorithm).toBe('CRC32');
    expect(decoded.checksum?.expected).toBe(decoded.checksum?.actual);
    expect(decoded.checksum?.actual).toBe(crc32Bytes(Buffer.concat(parts)).toString('base64'));
  });

  it('a checksum that does not match the data is reported, for the S3 layer to refuse', async () => {
    const body = `5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n`;
    const decoded = decodeAwsChunked(pieces(body, 3), { mode: 'streaming-unsigned-trailer', decodedContentLength: 5, trailer: 'x-amz-checksum-crc32' });
    await drain(decoded.body);
    expect(decoded.checksum?.expected).toBe('AAAAAA==');
    expect(decoded.checksum?.actual).toBe(crc32Bytes(Buffer.from('hello')).toString('base64'));
  });

  it('a chunk under 8 KiB that is not the last: InvalidChunkSizeError', async () => {
    const err = await refusal(sdkEncoded([Buffer.alloc(100), Buffer.alloc(9000)]) as AsyncIterable<Buffer>, {
      mode: 'streaming-unsigned-trailer',
      decodedContentLength: 9100,
      trailer: 'x-amz-checksum-crc32',
    });
    expect(err.code).toBe('InvalidChunkSizeError');
    expect(err.message).toBe('Only the last chunk is allowed to have a size less than 8192 bytes');
    expect(err.fields).toEqual({ Chunk: '1', BadChunkSize: '100' });
  });

  it('an announced trailer that never comes: MalformedTrailerError', async () => {
    const err = await refusal(pieces(`5\r\nhello\r\n0\r\n\r\n`, 4), {
      mode: 'streaming-unsigned-trailer',
      decodedContentLength: 5,
      trailer: 'x-amz-checksum-crc32c',
    });
    expect(err.code).toBe('MalformedTrailerError');
  });

  it('the SDK ends a body without a trailer right after "0\\r\\n"', async () => {
    const decoded = decodeAwsChunked(pieces(`5\r\nhello\r\n0\r\n`, 4), { mode: 'streaming-unsigned-trailer', decodedContentLength: 5 });
    expect((await drain(decoded.body)).toString()).toBe('hello');
    expect(decoded.complete).toBe(true);
  });

  it('a signed chunk header in the unsigned mode is malformed', async () => {
    const err = await refusal(pieces(`5;chunk-signature=${SEED}\r\nhello\r\n0\r\n\r\n`, 4), {
      mode: 'streaming-unsigned-trailer',
      decodedContentLength: 5,
    });
    expect(err.code).toBe('IncompleteBody');
  });
});

function crc32Bytes(data: Buffer): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data) >>> 0);
  return out;
}
