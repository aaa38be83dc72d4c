export { isAccountId, parseAccountId, type AccountId } from './account-id.ts';
export { asPartition, AWS_PARTITION, splitArn, type ArnParts, type Partition } from './arn-parts.ts';
export { invalidArn, type ArnErrorStyle, type ArnResult } from './arn-result.ts';
export { checkName, nameViolations, PATH, POLICY_NAME, ROLE_NAME, ROLE_SESSION_NAME, USER_NAME, type NameRule } from './iam-names.ts';
export { parseRoleArn, roleArn, type RoleArn } from './role-arn.ts';
export { parseUserArn, userArn, type UserArn } from './user-arn.ts';
export { parsePolicyArn, policyArn, type PolicyArn } from './policy-arn.ts';
export { assumedRoleArn, parseAssumedRoleArn, type AssumedRoleArn } from './assumed-role-arn.ts';
export { oidcProviderArnForIssuer, parseOidcProviderArn, type OidcProviderArn } from './oidc-provider-arn.ts';
export {
  checkObjectKey,
  parseBucketName,
  parseS3Arn,
  s3BucketArn,
  s3ObjectArn,
  type BucketName,
  type S3BucketArn,
  type S3ObjectArn,
} from './s3-arn.ts';
export { parseKnownArn, type KnownArn } from './parse-arn.ts';
