// IAM acts on the caller's own account: every IAM entity a request names lives in the account of the
// credentials that signed it (IAM API Reference, "Making Query requests").
import { awsError } from '../../aws/index.ts';
import type { CallContext } from '../../api/index.ts';

/** The account the caller's IAM requests act on. */
export function callerAccount(ctx: CallContext): string {
  const accountId = ctx.requireCaller().principal.accountId;
  if (accountId === undefined) throw awsError('AccessDenied', 'The caller does not belong to an account.');
  return accountId;
}
