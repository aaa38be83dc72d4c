// How each front door refuses a session token or access key that the credential lookup rejects
// (IAM/STS "Common Errors": InvalidClientTokenId, ExpiredToken; JSON services:
// UnrecognizedClientException, ExpiredTokenException; S3 "Error responses": InvalidToken,
// ExpiredToken "The provided token has expired." with HTTP 400).

import { awsError, type AwsError } from '../errors/index.ts';
import type { SigV4Dialect } from './verification.ts';

/** Why a credential lookup refuses: the token is malformed/forged, or it has expired. */
export type TokenFault = 'invalid' | 'expired';

/** The error a credential lookup returns for a bad session token, in the dialect of the endpoint. */
export function tokenRefusal(dialect: SigV4Dialect, fault: TokenFault): AwsError {
  switch (dialect) {
    case 'query':
      return fault === 'expired' ? awsError('ExpiredToken') : awsError('InvalidClientTokenId');
    case 'json':
      return fault === 'expired'
        ? awsError('ExpiredTokenException', 'The security token included in the request is expired')
        : awsError('UnrecognizedClientException');
    case 's3':
      return fault === 'expired'
        ? awsError('ExpiredToken', 'The provided token has expired.', { status: 400 })
        : awsError('InvalidToken');
    default: {
      const never: never = dialect;
      return never;
    }
  }
}
