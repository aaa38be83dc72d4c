// MFA parameters (SerialNumber, TokenCode) of AssumeRole and GetSessionToken. podiam has no MFA devices
// (IAM has no CreateVirtualMFADevice here), so no code can be valid: the request is refused with the
// AccessDenied STS gives for a code it cannot validate, and the log says why.
import { awsError } from '../aws/index.ts';

/** Refuses a request that carries MFA parameters. */
export function refuseMfa(serialNumber: string | undefined, tokenCode: string | undefined): void {
  if (serialNumber === undefined && tokenCode === undefined) return;
  throw awsError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.', {
    detail: 'podiam has no MFA devices; SerialNumber/TokenCode cannot be validated',
  });
}
