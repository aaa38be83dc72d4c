import { describe, expect, it } from 'vitest';
import { tokenRefusal } from './token-refusal.ts';

describe('IAM/STS "Common Errors", JSON services and S3 "Error responses": refused session tokens', () => {
  it.each([
    ['query', 'invalid', 'InvalidClientTokenId', 403, 'The security token included in the request is invalid.'],
    ['query', 'expired', 'ExpiredToken', 403, 'The security token included in the request is expired'],
    ['json', 'invalid', 'UnrecognizedClientException', 403, 'The security token included in the request is invalid.'],
    ['json', 'expired', 'ExpiredTokenException', 400, 'The security token included in the request is expired'],
    ['s3', 'invalid', 'InvalidToken', 400, 'The provided token is malformed or otherwise invalid.'],
    ['s3', 'expired', 'ExpiredToken', 400, 'The provided token has expired.'],
  ] as const)('%s, %s token: %s (%i)', (dialect, fault, code, status, message) => {
    const err = tokenRefusal(dialect, fault);
    expect(err.code).toBe(code);
    expect(err.status).toBe(status);
    expect(err.message).toBe(message);
  });
});
