// A small ServiceCatalog for the analyzer's tests: a few services' actions, resource types and condition
// keys transcribed from the Service Authorization Reference ("Actions, resources, and condition keys for
// Amazon S3 / IAM / Amazon EC2 / AWS STS / Amazon DynamoDB / AWS KMS / AWS Lambda") and a subset of
// "AWS global condition context keys". Tests only; the real catalog lives in src/catalog/.
import {
  conditionKeyMatches,
  type CatalogAction,
  type CatalogConditionKey,
  type CatalogResourceType,
  type ConditionKeyType,
  type GlobalConditionKey,
  type ServiceCatalog,
} from './service-catalog.ts';

type ActionRow = readonly [resourceTypes: readonly string[], conditionKeys?: readonly string[]];
interface ServiceRows {
  readonly actions: Readonly<Record<string, ActionRow>>;
  readonly resourceTypes: Readonly<Record<string, readonly [arn: string, conditionKeys?: readonly string[]]>>;
  readonly keys: Readonly<Record<string, ConditionKeyType>>;
}

const TAG_KEYS = ['aws:RequestTag/${TagKey}', 'aws:TagKeys'];
const ROLE_ARN = 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}';

const SERVICES: Readonly<Record<string, ServiceRows>> = {
  s3: {
    actions: {
      GetObject: [['object'], ['s3:ExistingObjectTag/<key>', 's3:TlsVersion', 's3:ResourceAccount']],
      PutObject: [['object'], ['s3:x-amz-acl', 's3:RequestObjectTag/<key>']],
      DeleteObject: [['object']],
      ListBucket: [['bucket'], ['s3:prefix', 's3:delimiter', 's3:max-keys']],
      ListAllMyBuckets: [[]],
      CreateBucket: [['bucket'], TAG_KEYS],
      GetBucketPolicy: [['bucket']],
    },
    resourceTypes: {
      bucket: ['arn:${Partition}:s3:::${BucketName}', ['aws:ResourceTag/${TagKey}']],
      object: ['arn:${Partition}:s3:::${BucketName}/${ObjectName}'],
      accesspoint: ['arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}'],
    },
    keys: {
      's3:prefix': 'String',
      's3:delimiter': 'String',
      's3:max-keys': 'Numeric',
      's3:ExistingObjectTag/<key>': 'String',
      's3:RequestObjectTag/<key>': 'String',
      's3:TlsVersion': 'Numeric',
      's3:ResourceAccount': 'String',
      's3:x-amz-acl': 'String',
      's3:DataAccessPointArn': 'ARN',
    },
  },
  iam: {
    actions: {
      PassRole: [['role'], ['iam:PassedToService', 'iam:AssociatedResourceArn']],
      CreateServiceLinkedRole: [['role'], ['iam:AWSServiceName']],
      GetRole: [['role']],
      GetUser: [['user']],
      ListUsers: [[]],
      GetCredentialReport: [[]],
      GenerateCredentialReport: [[]],
      CreateRole: [['role'], ['iam:PermissionsBoundary', ...TAG_KEYS]],
    },
    resourceTypes: {
      role: [ROLE_ARN, ['aws:ResourceTag/${TagKey}', 'iam:ResourceTag/${TagKey}']],
      user: ['arn:${Partition}:iam::${Account}:user/${UserNameWithPath}', ['aws:ResourceTag/${TagKey}']],
      policy: ['arn:${Partition}:iam::${Account}:policy/${PolicyNameWithPath}'],
    },
    keys: {
      'iam:PassedToService': 'String',
      'iam:AssociatedResourceArn': 'ARN',
      'iam:AWSServiceName': 'String',
      'iam:PermissionsBoundary': 'ARN',
      'iam:ResourceTag/${TagKey}': 'String',
    },
  },
  ec2: {
    actions: {
      DescribeInstances: [[], ['ec2:Region']],
      TerminateInstances: [['instance'], ['ec2:Region']],
      StartInstances: [['instance'], ['ec2:Region']],
    },
    resourceTypes: {
      instance: ['arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}', ['aws:ResourceTag/${TagKey}', 'ec2:InstanceType']],
    },
    keys: { 'ec2:Region': 'String', 'ec2:InstanceType': 'String' },
  },
  sts: {
    actions: {
      AssumeRole: [['role'], ['sts:ExternalId', 'sts:RoleSessionName', 'sts:SourceIdentity', ...TAG_KEYS]],
      AssumeRoleWithWebIdentity: [['role'], ['accounts.google.com:aud', 'cognito-identity.amazonaws.com:amr', 'cognito-identity.amazonaws.com:aud']],
      AssumeRoleWithSAML: [['role'], ['saml:aud', 'saml:sub']],
      TagSession: [['role'], [...TAG_KEYS, 'sts:TransitiveTagKeys']],
      SetSourceIdentity: [['role'], ['sts:SourceIdentity']],
      GetCallerIdentity: [[]],
    },
    resourceTypes: { role: [ROLE_ARN] },
    keys: {
      'sts:ExternalId': 'String',
      'sts:RoleSessionName': 'String',
      'sts:SourceIdentity': 'String',
      'sts:TransitiveTagKeys': 'ArrayOfString',
      'accounts.google.com:aud': 'String',
      'cognito-identity.amazonaws.com:amr': 'ArrayOfString',
      'cognito-identity.amazonaws.com:aud': 'String',
      'saml:aud': 'String',
      'saml:sub': 'String',
    },
  },
  dynamodb: {
    actions: { GetItem: [['table'], ['dynamodb:Attributes', 'dynamodb:Select', 'dynamodb:LeadingKeys']] },
    resourceTypes: { table: ['arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}', ['aws:ResourceTag/${TagKey}']] },
    keys: { 'dynamodb:Attributes': 'ArrayOfString', 'dynamodb:Select': 'String', 'dynamodb:LeadingKeys': 'ArrayOfString' },
  },
  kms: {
    actions: { Decrypt: [['key'], ['kms:ViaService', 'kms:EncryptionContext:${EncryptionContextKey}']] },
    resourceTypes: { key: ['arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}', ['aws:ResourceTag/${TagKey}']] },
    keys: { 'kms:ViaService': 'String', 'kms:EncryptionContext:${EncryptionContextKey}': 'String' },
  },
  lambda: {
    actions: { InvokeFunction: [['function']], GetFunction: [['function']] },
    resourceTypes: { function: ['arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}'] },
    keys: {},
  },
};

const GLOBALS: readonly (readonly [string, ConditionKeyType | readonly ConditionKeyType[], boolean?])[] = [
  ['aws:SourceIp', 'IPAddress'],
  ['aws:VpcSourceIp', 'IPAddress'],
  ['aws:SourceVpc', 'String'],
  ['aws:SourceVpce', 'String'],
  ['aws:VpceAccount', 'String'],
  ['aws:PrincipalTag/${TagKey}', 'String'],
  ['aws:RequestTag/${TagKey}', 'String'],
  ['aws:ResourceTag/${TagKey}', 'String'],
  ['aws:TagKeys', 'ArrayOfString', true],
  ['aws:PrincipalOrgPaths', 'ArrayOfString', true],
  ['aws:CalledVia', 'ArrayOfString', true],
  ['aws:SecureTransport', 'Bool'],
  ['aws:MultiFactorAuthPresent', 'Bool'],
  ['aws:MultiFactorAuthAge', 'Numeric'],
  ['aws:CurrentTime', 'Date'],
  ['aws:EpochTime', ['Date', 'Numeric']],
  ['aws:PrincipalArn', 'ARN'],
  ['aws:SourceArn', 'ARN'],
  ['aws:SourceAccount', 'String'],
  ['aws:PrincipalAccount', 'String'],
  ['aws:PrincipalOrgID', 'String'],
  ['aws:PrincipalIsAWSService', 'Bool'],
  ['aws:ResourceAccount', 'String'],
  ['aws:RequestedRegion', 'String'],
  ['aws:userid', 'String'],
  ['aws:username', 'String'],
  ['aws:referer', 'String'],
  ['aws:UserAgent', 'String'],
  ['ec2:SourceInstanceArn', 'ARN'],
];

const PREFIX_OWNERS: Readonly<Record<string, readonly string[]>> = {
  'accounts.google.com': ['sts'],
  'cognito-identity.amazonaws.com': ['sts'],
  'token.actions.githubusercontent.com': ['sts'],
  saml: ['sts'],
};

/** The test catalog. */
export function testingCatalog(): ServiceCatalog {
  const actions = new Map<string, CatalogAction[]>();
  const types = new Map<string, CatalogResourceType[]>();
  const keys = new Map<string, CatalogConditionKey[]>();
  for (const [service, rows] of Object.entries(SERVICES)) {
    actions.set(
      service,
      Object.entries(rows.actions).map(([name, [resourceTypes, conditionKeys]]) => ({
        service,
        name,
        resourceTypes: resourceTypes.map((t) => ({ name: t, required: true, conditionKeys: [] })),
        conditionKeys: conditionKeys ?? [],
      })),
    );
    types.set(
      service,
      Object.entries(rows.resourceTypes).map(([name, [arn, conditionKeys]]) => ({
        service,
        name,
        arnFormats: [arn],
        conditionKeys: conditionKeys ?? [],
      })),
    );
    keys.set(service, Object.entries(rows.keys).map(([key, type]) => ({ key, types: [type] })));
  }
  const globals: GlobalConditionKey[] = GLOBALS.map(([key, t, multi]) => ({
    key,
    types: typeof t === 'string' ? [t] : t,
    multivalued: multi === true,
  }));
  const lower = (s: string): string => s.toLowerCase();
  return {
    hasService: (p) => SERVICES[lower(p)] !== undefined,
    servicePrefixes: () => Object.keys(SERVICES),
    actions: (s) => actions.get(lower(s)) ?? [],
    action: (s, n) => actions.get(lower(s))?.find((a) => lower(a.name) === lower(n)),
    resourceType: (s, n) => types.get(lower(s))?.find((t) => lower(t.name) === lower(n)),
    resourceTypesForArnService: (a) =>
      [...types.values()].flat().filter((t) => t.arnFormats.some((f) => f.split(':')[2] === a)),
    serviceConditionKey: (s, k) => keys.get(lower(s))?.find((c) => conditionKeyMatches(c.key, k)),
    conditionKeyPrefixOwners: (p) => PREFIX_OWNERS[lower(p)] ?? [],
    globalConditionKey: (k) => globals.find((g) => conditionKeyMatches(g.key, k)),
    supportsResourceControlPolicies: (s) => ['s3', 'sts', 'kms'].includes(lower(s)),
  };
}
