// AWS account IDs: twelve digits (AWS Account Management Reference Guide, "View AWS account identifiers").

import { awsError } from '../errors/index.ts';
import { fail, ok, type ArnResult } from './arn-result.ts';

/** A twelve-digit AWS account ID, checked once. */
export type AccountId = string & { readonly __accountId: true };

const ACCOUNT = /^\d{12}$/;

/** True when the text is a twelve-digit account ID. */
export function isAccountId(text: string): text is AccountId {
  return ACCOUNT.test(text);
}

/** Checks an account ID (`InvalidInput` as IAM words it otherwise). */
export function parseAccountId(text: string): ArnResult<AccountId> {
  return isAccountId(text) ? ok(text) : fail(awsError('InvalidInput', `Account ID ${text} is not valid.`));
}
