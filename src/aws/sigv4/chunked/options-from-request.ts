// The decoder options of an aws-chunked upload, read from a verified S3 request: its payload mode,
// `x-amz-decoded-content-length` (required) and `x-amz-trailer`.

import { awsError, type AwsError } from '../../errors/index.ts';
import { headerValue } from '../auth-params.ts';
import type { HeaderBag } from '../canonical-request.ts';
import type { VerifiedRequest, SigningSecret } from '../verification.ts';
import type { AwsChunkedOptions } from './decode.ts';

/**
 * The options to decode the body of a verified streaming request; undefined when its payload is
 * not aws-chunked; an AwsError when the decoded length is missing or not a number.
 */
export function chunkedOptionsFor<C extends SigningSecret>(
  verified: VerifiedRequest<C>,
  headers: HeaderBag,
): AwsChunkedOptions | AwsError | undefined {
  const mode = verified.payload.kind;
  if (mode !== 'streaming-signed' && mode !== 'streaming-signed-trailer' && mode !== 'streaming-unsigned-trailer') return undefined;
  const lengthText = headerValue(headers, 'x-amz-decoded-content-length');
  if (lengthText === undefined) return awsError('MissingContentLength', undefined, { detail: 'no x-amz-decoded-content-length' });
  if (!/^\d{1,15}$/.test(lengthText.trim())) {
    return awsError('InvalidArgument', 'x-amz-decoded-content-length must be a non-negative integer', {
      fields: { ArgumentName: 'x-amz-decoded-content-length', ArgumentValue: lengthText },
    });
  }
  const trailer = headerValue(headers, 'x-amz-trailer');
  return {
    mode,
    decodedContentLength: Number(lengthText.trim()),
    ...(verified.chunkSigning === undefined ? {} : { signing: verified.chunkSigning }),
    ...(trailer === undefined ? {} : { trailer }),
  };
}
