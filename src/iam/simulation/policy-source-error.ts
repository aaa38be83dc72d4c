// The InvalidInput of SimulatePrincipalPolicy and GetContextKeysForPrincipalPolicy for a PolicySourceArn
// that names no user, group or role. IAM answers a well-formed ARN of anything else (an assumed-role
// session, a policy, a provider) with "Invalid Entity Arn: ARN" (as IAM returns it to boto3 for an
// assumed-role ARN), and a string that is no ARN with "ARN X is not valid.".
import { awsError, type AwsError } from '../../aws/index.ts';

// Inferred from that one answer: any ARN of a 12-digit account with a resource that does not end in '/'.
const WELL_FORMED_ARN = /^arn:[\w-]+:[\w-]+:[\w-]*:\d{12}:.*[^/]$/;

/** The error for a PolicySourceArn that is not a user, group or role. */
export function invalidPolicySource(arn: string): AwsError {
  return awsError('InvalidInput', WELL_FORMED_ARN.test(arn) ? `Invalid Entity Arn: ${arn}` : `ARN ${arn} is not valid.`);
}
