// Signatures of aws-chunked payloads (Amazon S3 API Reference, "Signature Calculations for the
// Authorization Header: Transferring Payload in Multiple Chunks (Chunked Upload) (AWS Signature
// Version 4)" and "... Including Trailing Headers"):
//   chunk:   AWS4-HMAC-SHA256-PAYLOAD \n date \n scope \n previous-signature \n hash("") \n hash(chunk-data)
//   trailer: AWS4-HMAC-SHA256-TRAILER \n date \n scope \n previous-signature \n hash(trailing-headers)
// The first previous-signature is the request's own (the seed).

import { EMPTY_SHA256, signatureOf } from '../signing-key.ts';
import type { ChunkSigningContext } from '../verification.ts';

/** The signature a chunk whose data hashes to `dataSha256` must carry. */
export function chunkSignature(context: ChunkSigningContext, previousSignature: string, dataSha256: string): string {
  const text = `AWS4-HMAC-SHA256-PAYLOAD\n${context.amzDate}\n${context.scope}\n${previousSignature}\n${EMPTY_SHA256}\n${dataSha256}`;
  return signatureOf(context.signingKey, text);
}

/** The signature of the trailing headers, chained to the final chunk's signature. */
export function trailerSignature(context: ChunkSigningContext, previousSignature: string, trailerSha256: string): string {
  const text = `AWS4-HMAC-SHA256-TRAILER\n${context.amzDate}\n${context.scope}\n${previousSignature}\n${trailerSha256}`;
  return signatureOf(context.signingKey, text);
}

/** The trailing headers as they are signed: `name:value\n` each, names lower-case, values trimmed. */
export function canonicalTrailer(trailers: readonly (readonly [string, string])[]): string {
  let out = '';
  for (const [name, value] of trailers) out += `${name.toLowerCase()}:${value.trim()}\n`;
  return out;
}
