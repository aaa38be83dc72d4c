import { describe, expect, it } from 'vitest';
import {
  assumedRoleArn,
  checkObjectKey,
  oidcProviderArnForIssuer,
  parseAccountId,
  parseAssumedRoleArn,
  parseBucketName,
  parseKnownArn,
  parseOidcProviderArn,
  parsePolicyArn,
  parseRoleArn,
  parseS3Arn,
  parseUserArn,
  roleArn,
  userArn,
  type AccountId,
  type ArnResult,
} from './index.ts';

function value<T>(result: ArnResult<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function error<T>(result: ArnResult<T>) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

const ACCOUNT = value(parseAccountId('123456789012'));

describe('IAM User Guide "IAM identifiers": role ARNs', () => {
  it('parses path and name', () => {
    const role = value(parseRoleArn('arn:aws:iam::123456789012:role/application_abc/component_xyz/RDSAccess'));
    expect(role).toMatchObject({ kind: 'role', partition: 'aws', accountId: '123456789012', path: '/application_abc/component_xyz/', name: 'RDSAccess' });
  });

  it('a role at the root has path "/"', () => {
    expect(value(parseRoleArn('arn:aws-cn:iam::123456789012:role/x+=,.@-_')).path).toBe('/');
  });

  it.each([
    'arn:aws:iam::123456789012:role:k8s-role',
    'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X',
    'arn:aws:iam:us-east-1:123456789012:role/x',
    'arn:aws:iam::12345678901:role/x',
    'arn:aws:sts::123456789012:role/x',
    'arn:aws:iam::123456789012:role/',
    'arn:aws:iam::123456789012:role/bad name',
    `arn:aws:iam::123456789012:role/${'r'.repeat(65)}`,
    'arn:aws:iam::123456789012:user/x',
    'not-an-arn',
  ])('%s is not a role ARN: IAM says InvalidInput, STS says "Request ARN is invalid"', (text) => {
    const iam = error(parseRoleArn(text));
    expect(iam.code).toBe('InvalidInput');
    expect(iam.message).toBe(`ARN ${text} is not valid.`);
    const sts = error(parseRoleArn(text, 'sts'));
    expect(sts.code).toBe('ValidationError');
    expect(sts.message).toBe('Request ARN is invalid');
    expect(sts.status).toBe(400);
  });

  it('builds from parts with CreateRole limits, reported as ValidationError', () => {
    expect(value(roleArn({ accountId: ACCOUNT, name: 'app', path: '/team/' })).arn).toBe('arn:aws:iam::123456789012:role/team/app');
    const err = error(roleArn({ accountId: ACCOUNT, name: 'r'.repeat(65), path: 'team' }));
    expect(err.code).toBe('ValidationError');
    expect(err.message).toBe(
      "2 validation errors detected: Value 'team' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F); " +
        `Value '${'r'.repeat(65)}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
  });

  it('a path may be up to 512 characters', () => {
    expect(roleArn({ accountId: ACCOUNT, name: 'x', path: `/${'p'.repeat(510)}/` }).ok).toBe(true);
    expect(roleArn({ accountId: ACCOUNT, name: 'x', path: `/${'p'.repeat(511)}/` }).ok).toBe(false);
  });
});

describe('IAM User Guide "IAM identifiers": user and policy ARNs', () => {
  it('users', () => {
    expect(value(parseUserArn('arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Jane')).name).toBe('Jane');
    expect(value(userArn({ accountId: ACCOUNT, name: 'Jane' })).arn).toBe('arn:aws:iam::123456789012:user/Jane');
    expect(error(userArn({ accountId: ACCOUNT, name: '' })).message).toContain("at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1");
  });

  it('AWS managed policies have account "aws"', () => {
    const policy = value(parsePolicyArn('arn:aws:iam::aws:policy/service-role/AmazonEKSClusterPolicy'));
    expect(policy).toMatchObject({ accountId: 'aws', path: '/service-role/', name: 'AmazonEKSClusterPolicy' });
  });

  it('an invalid policy ARN is InvalidInput as AttachRolePolicy words it', () => {
    expect(error(parsePolicyArn('arn:aws:iam::aws:policy/Bad Name')).message).toBe('ARN arn:aws:iam::aws:policy/Bad Name is not valid.');
    expect(parseRoleArn('arn:aws:iam::aws:role/x').ok).toBe(false);
  });
});

describe('STS API Reference "AssumeRole": assumed-role ARNs and RoleSessionName (2-64, [\\w+=,.@-]*)', () => {
  const role = value(parseRoleArn('arn:aws:iam::123456789012:role/team/app'));

  it('the session ARN drops the role path', () => {
    expect(value(assumedRoleArn(role, 'my-session@x.com')).arn).toBe('arn:aws:sts::123456789012:assumed-role/app/my-session@x.com');
  });

  it.each([
    ['a', "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"],
    ['s'.repeat(65), `Value '${'s'.repeat(65)}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`],
    ['has space', "Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"],
  ])('session name %j is refused', (name, message) => {
    const err = error(assumedRoleArn(role, name));
    expect(err.code).toBe('ValidationError');
    expect(err.message).toBe(`1 validation error detected: ${message}`);
  });

  it('parses and refuses assumed-role ARNs', () => {
    expect(value(parseAssumedRoleArn('arn:aws:sts::123456789012:assumed-role/app/s1'))).toMatchObject({ roleName: 'app', sessionName: 's1' });
    expect(parseAssumedRoleArn('arn:aws:sts::123456789012:assumed-role/app').ok).toBe(false);
    expect(parseAssumedRoleArn('arn:aws:sts::123456789012:assumed-role/app/a/b').ok).toBe(false);
    expect(parseAssumedRoleArn('arn:aws:iam::123456789012:assumed-role/app/s1').ok).toBe(false);
  });
});

describe('IAM API Reference "CreateOpenIDConnectProvider": provider ARNs from issuer URLs', () => {
  it('the EKS issuer', () => {
    const provider = value(oidcProviderArnForIssuer(ACCOUNT, 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE'));
    expect(provider.arn).toBe('arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE');
    expect(value(parseOidcProviderArn(provider.arn)).issuerHostPath).toBe('oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE');
  });

  it('a trailing slash is dropped; a port is kept', () => {
    expect(value(oidcProviderArnForIssuer(ACCOUNT, 'https://127.0.0.1:4577/')).issuerHostPath).toBe('127.0.0.1:4577');
  });

  it('http, a query and over-long URLs are InvalidInput', () => {
    expect(error(oidcProviderArnForIssuer(ACCOUNT, 'http://issuer.example.com')).code).toBe('InvalidInput');
    expect(error(oidcProviderArnForIssuer(ACCOUNT, 'https://issuer.example.com/?x=1')).code).toBe('InvalidInput');
    expect(error(oidcProviderArnForIssuer(ACCOUNT, `https://${'a'.repeat(250)}.com`)).code).toBe('InvalidInput');
  });

  it('an OIDC provider ARN is not a role ARN (the IRSA mistake STS answers "Request ARN is invalid")', () => {
    expect(error(parseRoleArn('arn:aws:iam::123456789012:oidc-provider/oidc.example.com', 'sts')).message).toBe('Request ARN is invalid');
  });
});

describe('Amazon S3 User Guide "General purpose bucket naming rules" and object ARNs', () => {
  it.each(['my-bucket', 'a.b.c', 'abc', 'x'.repeat(63), '1bucket'])('%s is a valid bucket name', (name) => {
    expect(parseBucketName(name).ok).toBe(true);
  });

  it.each(['ab', 'x'.repeat(64), 'My-Bucket', '-bucket', 'bucket-', 'a..b', '192.168.5.4', 'xn--bucket', 'sthree-x', 'amzn-s3-demo-x', 'b-s3alias', 'b--ol-s3', 'b.mrap', 'b--x-s3', 'b--table-s3', 'under_score'])(
    '%s is InvalidBucketName',
    (name) => {
      const err = error(parseBucketName(name));
      expect(err.code).toBe('InvalidBucketName');
      expect(err.status).toBe(400);
      expect(err.fields).toEqual({ BucketName: name });
    },
  );

  it('bucket and object ARNs; the key keeps its slashes and characters', () => {
    expect(value(parseS3Arn('arn:aws:s3:::my-bucket'))).toMatchObject({ kind: 's3-bucket', bucket: 'my-bucket' });
    expect(value(parseS3Arn('arn:aws:s3:::my-bucket/a/b c/ü.txt'))).toMatchObject({ kind: 's3-object', key: 'a/b c/ü.txt' });
    expect(parseS3Arn('arn:aws:s3:us-east-1::my-bucket').ok).toBe(false);
    expect(parseS3Arn('arn:aws:s3:::Bad_Bucket').ok).toBe(false);
  });

  it('object keys are at most 1024 bytes of UTF-8 (KeyTooLongError)', () => {
    expect(checkObjectKey('k'.repeat(1024))).toBeUndefined();
    expect(checkObjectKey('ü'.repeat(513))?.code).toBe('KeyTooLongError');
  });
});

describe('AWS account IDs are twelve digits', () => {
  it.each(['123456789012', '000000000000'])('%s', (id) => expect(parseAccountId(id).ok).toBe(true));
  it.each(['12345678901', '1234567890123', 'abcdefghijkl', ''])('%j is refused', (id) => expect(parseAccountId(id).ok).toBe(false));
});

describe('Recognising any known ARN', () => {
  it.each([
    ['arn:aws:iam::123456789012:role/r', 'role'],
    ['arn:aws:iam::123456789012:user/u', 'user'],
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'policy'],
    ['arn:aws:iam::123456789012:oidc-provider/example.com', 'oidc-provider'],
    ['arn:aws:sts::123456789012:assumed-role/r/session', 'assumed-role'],
    ['arn:aws:s3:::b-1', 's3-bucket'],
    ['arn:aws:s3:::b-1/k', 's3-object'],
  ])('%s is a %s', (text, kind) => {
    expect(value(parseKnownArn(text)).kind).toBe(kind);
  });

  it('an unknown service is refused', () => {
    expect(parseKnownArn('arn:aws:ec2:us-east-1:123456789012:instance/i-1').ok).toBe(false);
  });

  it('typed values carry their ARN text and are frozen', () => {
    const role = value(roleArn({ accountId: '123456789012' as AccountId, name: 'r' }));
    expect(Object.isFrozen(role)).toBe(true);
    expect(value(parseRoleArn(role.arn))).toEqual(role);
  });
});
