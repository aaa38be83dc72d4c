// The shapes Organizations' operations share, as the botocore model `organizations/2016-11-28` declares
// them (names, patterns, lengths and enums), so that validation and the JSON on the wire match AWS.

/** Every policy type the API accepts (PolicyType); podiam evaluates SCPs and RCPs. */
export const POLICY_TYPES = [
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
  'TAG_POLICY',
  'BACKUP_POLICY',
  'AISERVICES_OPT_OUT_POLICY',
  'CHATBOT_POLICY',
  'DECLARATIVE_POLICY_EC2',
  'SECURITYHUB_POLICY',
  'INSPECTOR_POLICY',
  'UPGRADE_ROLLOUT_POLICY',
  'BEDROCK_POLICY',
  'S3_POLICY',
  'NETWORK_SECURITY_DIRECTOR_POLICY',
] as const;

export type ApiPolicyType = (typeof POLICY_TYPES)[number];

export const policyTypeShape = { type: 'string', enum: POLICY_TYPES } as const;
export const nextTokenShape = { type: 'string', max: 100000, pattern: '[\\s\\S]*' } as const;
export const maxResultsShape = { type: 'integer', min: 1, max: 20 } as const;
export const accountIdShape = { type: 'string', max: 12, pattern: '^\\d{12}$' } as const;
export const policyIdShape = { type: 'string', max: 130, pattern: '^p-[0-9a-zA-Z_]{8,128}$' } as const;
export const rootIdShape = { type: 'string', max: 34, pattern: '^r-[0-9a-z]{4,32}$' } as const;
export const targetIdShape = { type: 'string', max: 100, pattern: '^(r-[0-9a-z]{4,32})|(\\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$' } as const;
export const emailShape = { type: 'string', min: 6, max: 64, pattern: '[^\\s@]+@[^\\s@]+\\.[^\\s@]+' } as const;
export const createAccountRequestIdShape = { type: 'string', max: 36, pattern: '^car-[a-z0-9]{8,32}$' } as const;
export const policyNameShape = { type: 'string', min: 1, max: 128, pattern: '[\\s\\S]*' } as const;
export const policyDescriptionShape = { type: 'string', max: 512, pattern: '[\\s\\S]*' } as const;
export const policyContentShape = { type: 'string', min: 1, pattern: '[\\s\\S]*' } as const;
export const tagsShape = {
  type: 'list',
  member: {
    type: 'structure',
    members: {
      Key: { type: 'string', min: 1, max: 128, pattern: '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$' },
      Value: { type: 'string', min: 0, max: 256, pattern: '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$' },
    },
    required: ['Key', 'Value'],
  },
} as const;

export const policyTypeSummaryShape = {
  type: 'structure',
  members: { Type: policyTypeShape, Status: { type: 'string', enum: ['ENABLED', 'PENDING_ENABLE', 'PENDING_DISABLE'] } },
} as const;

export const organizationShape = {
  type: 'structure',
  members: {
    Id: { type: 'string' },
    Arn: { type: 'string' },
    FeatureSet: { type: 'string', enum: ['ALL', 'CONSOLIDATED_BILLING'] },
    MasterAccountArn: { type: 'string' },
    MasterAccountId: { type: 'string' },
    MasterAccountEmail: { type: 'string' },
    AvailablePolicyTypes: { type: 'list', member: policyTypeSummaryShape },
  },
} as const;

export const accountShape = {
  type: 'structure',
  members: {
    Id: { type: 'string' },
    Arn: { type: 'string' },
    Email: { type: 'string' },
    Name: { type: 'string' },
    Status: { type: 'string', enum: ['ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE'] },
    State: { type: 'string', enum: ['PENDING_ACTIVATION', 'ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'CLOSED'] },
    JoinedMethod: { type: 'string', enum: ['INVITED', 'CREATED'] },
    JoinedTimestamp: { type: 'timestamp' },
  },
} as const;

export const rootShape = {
  type: 'structure',
  members: {
    Id: { type: 'string' },
    Arn: { type: 'string' },
    Name: { type: 'string' },
    PolicyTypes: { type: 'list', member: policyTypeSummaryShape },
  },
} as const;

export const policySummaryShape = {
  type: 'structure',
  members: {
    Id: { type: 'string' },
    Arn: { type: 'string' },
    Name: { type: 'string' },
    Description: { type: 'string' },
    Type: policyTypeShape,
    AwsManaged: { type: 'boolean' },
  },
} as const;

export const policyShape = {
  type: 'structure',
  members: { PolicySummary: policySummaryShape, Content: { type: 'string' } },
} as const;

export const createAccountStatusShape = {
  type: 'structure',
  members: {
    Id: { type: 'string' },
    AccountName: { type: 'string' },
    State: { type: 'string', enum: ['IN_PROGRESS', 'SUCCEEDED', 'FAILED'] },
    RequestedTimestamp: { type: 'timestamp' },
    CompletedTimestamp: { type: 'timestamp' },
    AccountId: { type: 'string' },
    FailureReason: { type: 'string' },
  },
} as const;

export const policyTargetSummaryShape = {
  type: 'structure',
  members: {
    TargetId: { type: 'string' },
    Arn: { type: 'string' },
    Name: { type: 'string' },
    Type: { type: 'string', enum: ['ACCOUNT', 'ORGANIZATIONAL_UNIT', 'ROOT'] },
  },
} as const;
