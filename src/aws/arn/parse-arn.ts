// Recognising which of the ARNs podiam knows a text is (policy principals, resource lists).

import { parseAssumedRoleArn, type AssumedRoleArn } from './assumed-role-arn.ts';
import { fail, invalidArn, type ArnErrorStyle, type ArnResult } from './arn-result.ts';
import { splitArn } from './arn-parts.ts';
import { parseOidcProviderArn, type OidcProviderArn } from './oidc-provider-arn.ts';
import { parsePolicyArn, type PolicyArn } from './policy-arn.ts';
import { parseRoleArn, type RoleArn } from './role-arn.ts';
import { parseS3Arn, type S3BucketArn, type S3ObjectArn } from './s3-arn.ts';
import { parseUserArn, type UserArn } from './user-arn.ts';

/** Every typed ARN. */
export type KnownArn = RoleArn | UserArn | AssumedRoleArn | PolicyArn | OidcProviderArn | S3BucketArn | S3ObjectArn;

/** Parses any ARN podiam knows, by its service and resource type. */
export function parseKnownArn(text: string, style: ArnErrorStyle = 'iam'): ArnResult<KnownArn> {
  const parts = splitArn(text);
  if (parts === undefined) return fail(invalidArn(text, style));
  const type = parts.resource.split('/', 1)[0];
  switch (`${parts.service}:${type ?? ''}`) {
    case 'iam:role':
      return parseRoleArn(text, style);
    case 'iam:user':
      return parseUserArn(text, style);
    case 'iam:policy':
      return parsePolicyArn(text, style);
    case 'iam:oidc-provider':
      return parseOidcProviderArn(text, style);
    case 'sts:assumed-role':
      return parseAssumedRoleArn(text, style);
    default:
      return parts.service === 's3' ? parseS3Arn(text, style) : fail(invalidArn(text, style));
  }
}
