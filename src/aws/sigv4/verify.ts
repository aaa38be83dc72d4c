// Signature Version 4 request verification: one entry point for every podiam front door.

import { verifyQueryRequest } from './verify-query.ts';
import { verifyS3Request } from './verify-s3.ts';
import type { SigningSecret, SigV4Request, SigV4Verification, VerifyOptions } from './verification.ts';

/**
 * Verifies the SigV4 signature of a request (Authorization header or presigned query), as the
 * service named by `options.dialect` would: its checks, in its order, with its error codes and
 * messages. Pure apart from the awaited credential lookup; the clock is `options.now`.
 */
export function verifySigV4<C extends SigningSecret>(
  request: SigV4Request,
  options: VerifyOptions<C>,
): Promise<SigV4Verification<C>> {
  switch (options.dialect) {
    case 's3':
      return verifyS3Request(request, options);
    case 'query':
    case 'json':
      return verifyQueryRequest(request, { ...options, dialect: options.dialect });
    default: {
      const never: never = options.dialect;
      return never;
    }
  }
}
