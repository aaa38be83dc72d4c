// An account alias (IAM User Guide, "Your AWS account ID and its alias"): 3 to 63 lowercase letters,
// digits and single hyphens, neither first nor last; unique across all accounts, and an account holds
// at most one. IAM's errors for a taken or missing alias.
import { awsError, type AwsError } from '../../aws/index.ts';

/** `accountAliasType` of the botocore IAM model. */
export const ACCOUNT_ALIAS = { type: 'string', min: 3, max: 63, pattern: '^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$' } as const;

/** EntityAlreadyExists: the alias is held, by another account or by this one. */
export function accountAliasTaken(alias: string): AwsError {
  return awsError('EntityAlreadyExists', `The account alias ${alias} already exists.`);
}

/** NoSuchEntity: the account does not hold this alias. */
export function noSuchAccountAlias(alias: string): AwsError {
  return awsError('NoSuchEntity', `The account alias ${alias} cannot be found.`);
}
