// The STS wire shapes several operations share, as the botocore model (sts 2011-06-15) declares them:
// role ARNs, session names, session policies and tags in requests; credentials and the assumed-role
// user in responses.

/** `arnType`: 20-2048 characters. */
export const ARN = {
  type: 'string',
  min: 20,
  max: 2048,
  pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+',
} as const;

/** `roleSessionNameType`. */
export const ROLE_SESSION_NAME = { type: 'string', min: 2, max: 64, pattern: '[\\w+=,.@-]*' } as const;

/** `roleDurationSecondsType`: 15 minutes to 12 hours (the role's MaxSessionDuration is checked later). */
export const ROLE_DURATION_SECONDS = { type: 'integer', min: 900, max: 43200 } as const;

/** `policyDescriptorListType` of `PolicyDescriptorType`. */
export const POLICY_ARNS = {
  type: 'list',
  member: { type: 'structure', members: { arn: ARN } },
} as const;

/** `sourceIdentityType`. */
export const SOURCE_IDENTITY = { type: 'string', min: 2, max: 64, pattern: '[\\w+=,.@-]*' } as const;

/** `serialNumberType` and `tokenCodeType` (MFA). */
export const SERIAL_NUMBER = { type: 'string', min: 9, max: 256, pattern: '[\\w+=/:,.@-]*' } as const;
export const TOKEN_CODE = { type: 'string', min: 6, max: 6, pattern: '[\\d]*' } as const;

/** `tagKeyType` and `tagValueType`. */
export const TAG_KEY = { type: 'string', min: 1, max: 128, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+' } as const;
export const TAG_VALUE = { type: 'string', min: 0, max: 256, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' } as const;

/** `tagListType`: at most 50 session tags. */
export const TAGS = {
  type: 'list',
  max: 50,
  member: { type: 'structure', members: { Key: TAG_KEY, Value: TAG_VALUE }, required: ['Key', 'Value'] },
} as const;

/** `tagKeyListType`. */
export const TAG_KEYS = { type: 'list', max: 50, member: TAG_KEY } as const;

/** `Credentials`. */
export const CREDENTIALS = {
  type: 'structure',
  members: {
    AccessKeyId: { type: 'string' },
    SecretAccessKey: { type: 'string' },
    SessionToken: { type: 'string' },
    Expiration: { type: 'timestamp' },
  },
  required: ['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration'],
} as const;

/** `AssumedRoleUser`. */
export const ASSUMED_ROLE_USER = {
  type: 'structure',
  members: { AssumedRoleId: { type: 'string' }, Arn: { type: 'string' } },
  required: ['AssumedRoleId', 'Arn'],
} as const;
