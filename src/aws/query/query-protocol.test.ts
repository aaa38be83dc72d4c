import { describe, expect, it } from 'vitest';
import { awsError } from '../errors/index.ts';
import type { Shape, StructureShape } from '../shape/index.ts';
import { botocore, botocoreAvailable, type OperationShapes } from '../botocore.fixture.ts';
import {
  decodePolicyDocument,
  decodeQueryInput,
  encodePolicyDocument,
  IAM_SERVICE,
  parseQueryRequest,
  queryErrorResponse,
  queryResponse,
  STS_SERVICE,
  unknownAction,
  xmlEscape,
} from './index.ts';

describe('IAM API Reference "Making Query requests": Action, Version and parameters', () => {
  it('reads a form-encoded POST body (how the CLI and SDKs send it)', () => {
    const parsed = parseQueryRequest({
      method: 'POST',
      url: '/',
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
      body: 'Action=GetRole&Version=2010-05-08&RoleName=my+role%2Fx',
    });
    expect(parsed.ok && parsed.request.action).toBe('GetRole');
    expect(parsed.ok && parsed.request.version).toBe('2010-05-08');
    expect(parsed.ok && parsed.request.params.get('RoleName')).toBe('my role/x');
    expect(parsed.ok && parsed.request.params.has('Action')).toBe(false);
  });

  it('reads a GET query string, leaving the presigned X-Amz-* parameters out', () => {
    const parsed = parseQueryRequest({
      method: 'GET',
      url: '/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=ab',
      contentType: undefined,
      body: '',
    });
    expect(parsed.ok && parsed.request.action).toBe('GetCallerIdentity');
    expect(parsed.ok && [...parsed.request.params.keys()]).toEqual([]);
  });

  it('no Action: MissingAction (400)', () => {
    const parsed = parseQueryRequest({ method: 'POST', url: '/', contentType: 'application/x-www-form-urlencoded', body: 'Version=1' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('MissingAction');
      expect(parsed.error.status).toBe(400);
    }
  });

  it('an unknown Action: InvalidAction naming it and the version', () => {
    const err = unknownAction('AssumeRoot', '2011-06-15');
    expect(err.code).toBe('InvalidAction');
    expect(err.message).toBe('Could not find operation AssumeRoot for version 2011-06-15');
  });
});

describe.skipIf(!botocoreAvailable)('Query protocol input, as botocore (boto3, the AWS CLI) serializes it', () => {
  const cases = [
    {
      service: 'sts',
      operation: 'AssumeRole',
      params: {
        RoleArn: 'arn:aws:iam::123456789012:role/team/app-role',
        RoleSessionName: 'session@example.com',
        DurationSeconds: 3600,
        PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, { arn: 'arn:aws:iam::123456789012:policy/p' }],
        Tags: [
          { Key: 'team', Value: 'a b+c=d/é' },
          { Key: 'cost:center', Value: '' },
        ],
        TransitiveTagKeys: ['team'],
        Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
      },
    },
    {
      service: 'sts',
      operation: 'AssumeRoleWithWebIdentity',
      params: { RoleArn: 'arn:aws:iam::123456789012:role/irsa', RoleSessionName: 'botocore-session-1', WebIdentityToken: 'eyJhbGciOiJSUzI1NiJ9.e30.sig' },
    },
    {
      service: 'iam',
      operation: 'SimulatePrincipalPolicy',
      params: {
        PolicySourceArn: 'arn:aws:iam::123456789012:role/x',
        ActionNames: ['s3:GetObject', 's3:PutObject'],
        ContextEntries: [
          { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['10.0.0.1', '10.0.0.2'], ContextKeyType: 'ipList' },
          { ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyValues: ['true'], ContextKeyType: 'boolean' },
        ],
      },
    },
    {
      service: 'iam',
      operation: 'CreateRole',
      params: {
        Path: '/team/',
        RoleName: 'app-role',
        AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
        MaxSessionDuration: 7200,
        Tags: [{ Key: 'env', Value: 'prod' }],
      },
    },
    { service: 'sts', operation: 'AssumeRole', params: { RoleArn: 'arn:aws:iam::123456789012:role/x', RoleSessionName: 'ab', TransitiveTagKeys: [] } },
  ] as const;

  const results = botocoreAvailable
    ? botocore(cases.flatMap((c) => [{ kind: 'shapes' as const, ...c }, { kind: 'serialize' as const, ...c }]))
    : [];

  it.each(cases.map((c, i) => [`${c.service} ${c.operation} #${i}`, c, i] as const))('%s decodes back to the parameters botocore sent', (_n, c, i) => {
    const shapes = results[2 * i] as OperationShapes;
    const { body } = results[2 * i + 1] as { body: string };
    const parsed = parseQueryRequest({ method: 'POST', url: '/', contentType: 'application/x-www-form-urlencoded; charset=utf-8', body });
    if (!parsed.ok) throw parsed.error;
    const decoded = decodeQueryInput(parsed.request.params, shapes.input as StructureShape);
    if (!decoded.ok) throw decoded.error;
    expect(decoded.value).toEqual(c.params);
  });
});

describe.skipIf(!botocoreAvailable)('AWS request validation ("N validation errors detected") against the real STS/IAM models', () => {
  const [assumeRole, createRole] = botocoreAvailable
    ? (botocore([
        { kind: 'shapes', service: 'sts', operation: 'AssumeRole' },
        { kind: 'shapes', service: 'iam', operation: 'CreateRole' },
      ]) as OperationShapes[])
    : [];
  const decode = (shapes: OperationShapes | undefined, form: Record<string, string>) => {
    const result = decodeQueryInput(new Map(Object.entries(form)), shapes?.input as StructureShape);
    if (result.ok) throw new Error('expected a validation error');
    return result.error;
  };

  it('session name too short and duration too long are both reported, in member order', () => {
    const err = decode(assumeRole, { RoleArn: 'arn:aws:iam::123456789012:role/x', RoleSessionName: 'a', DurationSeconds: '43201' });
    expect(err.code).toBe('ValidationError');
    expect(err.message).toBe(
      "2 validation errors detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; " +
        "Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
  });

  it('a missing required member is "Value null ... Member must not be null"', () => {
    const err = decode(assumeRole, { RoleSessionName: 'abc' });
    expect(err.message).toBe("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
  });

  it('a bad session name and a bad tag key name their paths', () => {
    const err = decode(assumeRole, {
      RoleArn: 'arn:aws:iam::123456789012:role/x',
      RoleSessionName: 'has space',
      'Tags.member.1.Key': 'bad*key',
      'Tags.member.1.Value': 'v',
    });
    expect(err.message).toBe(
      "2 validation errors detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; " +
        "Value 'bad*key' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
    );
  });

  it('role name over 64 characters (IAM CreateRole)', () => {
    const err = decode(createRole, { RoleName: 'r'.repeat(65), AssumeRolePolicyDocument: '{}' });
    expect(err.message).toBe(
      `1 validation error detected: Value '${'r'.repeat(65)}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
  });

  it('a number that is not one is refused', () => {
    const err = decode(assumeRole, { RoleArn: 'arn:aws:iam::123456789012:role/x', RoleSessionName: 'abc', DurationSeconds: 'soon' });
    expect(err.message).toContain("Value 'soon' at 'durationSeconds'");
  });
});

// A string that exercises XML escaping and botocore's text handling.
const AWKWARD = `a&b<c>d"e'f\r\ng\ttab ü 日本 🙂 ]]>`;

describe.skipIf(!botocoreAvailable)('Query protocol responses parse with botocore as the CLI reads them (botocore service models)', () => {
  const requestId = 'c6104cbe-af31-11e0-8154-cbc7ccf896c7';
  const ops = [
    ['sts', 'GetCallerIdentity'],
    ['sts', 'AssumeRole'],
    ['iam', 'GetRole'],
    ['iam', 'ListRoles'],
    ['iam', 'GetAccountSummary'],
  ] as const;
  const shapes = botocoreAvailable
    ? (botocore(ops.map(([service, operation]) => ({ kind: 'shapes' as const, service, operation }))) as OperationShapes[])
    : [];
  const outputShape = (i: number): StructureShape => shapes[i]?.output as StructureShape;

  const values: Record<string, unknown>[] = [
    { UserId: 'AROAEXAMPLE:session', Account: '123456789012', Arn: 'arn:aws:sts::123456789012:assumed-role/r/session' },
    {
      Credentials: {
        AccessKeyId: 'ASIAEXAMPLE',
        SecretAccessKey: 'secret/with+chars=',
        SessionToken: 'token==',
        Expiration: new Date(Date.UTC(2024, 4, 1, 13, 0, 0)),
      },
      AssumedRoleUser: { AssumedRoleId: 'AROAEXAMPLE:s', Arn: 'arn:aws:sts::123456789012:assumed-role/r/s' },
      PackedPolicySize: 6,
    },
    {
      Role: {
        Path: '/',
        RoleName: 'r',
        RoleId: 'AROAEXAMPLE',
        Arn: 'arn:aws:iam::123456789012:role/r',
        CreateDate: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
        AssumeRolePolicyDocument: encodePolicyDocument('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"x"},"Action":"sts:AssumeRoleWithWebIdentity"}]}'),
        Description: AWKWARD,
        MaxSessionDuration: 3600,
        Tags: [{ Key: 'k', Value: 'v&<>' }],
        RoleLastUsed: { LastUsedDate: new Date(Date.UTC(2024, 3, 1)), Region: 'us-east-1' },
      },
    },
    { Roles: [], IsTruncated: false },
    { SummaryMap: { Users: 3, Roles: 7 } },
  ];

  const bodies = values.map((v, i) => {
    const [service, action] = ops[i] ?? ['', ''];
    return queryResponse(service === 'sts' ? STS_SERVICE : IAM_SERVICE, action, requestId, { shape: outputShape(i), value: v as never });
  });
  const parsed = botocoreAvailable
    ? botocore(bodies.map((b, i) => ({ kind: 'parse' as const, service: ops[i]?.[0] ?? '', operation: ops[i]?.[1] ?? '', status: b.status, body: b.body })))
    : [];

  it.each(ops.map((o, i) => [`${o[0]} ${o[1]}`, i] as const))('%s', (_name, i) => {
    const expected = JSON.parse(JSON.stringify(values[i], (_k, v: unknown) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? v.replace(/\.\d{3}Z$/, 'Z') : v)));
    expect(parsed[i]).toEqual(expected);
  });

  it('the envelope is {Action}Response/{Action}Result in the service namespace, with the request id', () => {
    const body = bodies[0]?.body ?? '';
    expect(body.startsWith('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>')).toBe(true);
    expect(body).toContain(`<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`);
    expect(bodies[0]?.headers['content-type']).toBe('text/xml');
  });

  it('an action without output has no Result element', () => {
    expect(queryResponse(IAM_SERVICE, 'DeleteRole', requestId).body).toBe(
      `<DeleteRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></DeleteRoleResponse>`,
    );
  });

  it('an ErrorResponse carries Type, Code, Message and the status, never the detail', () => {
    const err = awsError('NoSuchEntity', `The role with name ${AWKWARD} cannot be found.`, { detail: 'secret-internal' });
    const res = queryErrorResponse(IAM_SERVICE, err, requestId);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('secret-internal');
    const [p] = botocore([{ kind: 'parse', service: 'iam', operation: 'GetRole', status: res.status, body: res.body }]) as {
      Error: Record<string, string>;
    }[];
    expect(p?.Error).toEqual({ Type: 'Sender', Code: 'NoSuchEntity', Message: err.message });
  });

  it('a 5xx error is of Type Receiver', () => {
    const res = queryErrorResponse(STS_SERVICE, awsError('InternalFailure'), requestId);
    expect(res.status).toBe(500);
    expect(res.body).toContain('<Type>Receiver</Type>');
  });
});

describe('XML escaping and IAM policy document encoding', () => {
  it('escapes markup characters and keeps carriage returns as references', () => {
    expect(xmlEscape(`<a href="x">&'\r`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&#13;');
  });
  it('replaces what XML 1.0 cannot carry (controls, lone surrogates) and keeps pairs', () => {
    expect(xmlEscape('a\u0000b\u001fc\uD800d🙂')).toBe('a\uFFFDb\uFFFDc\uFFFDd🙂');
  });
  it('leaves ordinary text alone', () => {
    const text = 'plain text ü 日本';
    expect(xmlEscape(text)).toBe(text);
  });
  it('IAM policy documents are returned URL-encoded (RFC 3986) and decode back', () => {
    const doc = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/a b"}]}';
    const encoded = encodePolicyDocument(doc);
    expect(encoded.startsWith('%7B%22Version%22%3A%222012-10-17%22')).toBe(true);
    expect(encoded).toContain('a%20b');
    expect(decodePolicyDocument(encoded)).toBe(doc);
  });
});

// Shapes written by hand behave like converted ones (a list of structures, a map, a flattened list).
describe('Query protocol lists, maps and flattened lists (botocore QuerySerializer conventions)', () => {
  const shape = {
    type: 'structure',
    members: {
      Items: { type: 'list', member: { type: 'string' } },
      Flat: { type: 'list', member: { type: 'integer' }, flattened: true },
      Attrs: { type: 'map', key: { type: 'string' }, value: { type: 'string' } },
      When: { type: 'timestamp' },
      Flag: { type: 'boolean' },
    },
  } as const satisfies Shape;

  it('decodes each form', () => {
    const params = new Map([
      ['Items.member.1', 'a'],
      ['Items.member.2', 'b'],
      ['Flat.1', '5'],
      ['Flat.2', '6'],
      ['Attrs.entry.1.key', 'k1'],
      ['Attrs.entry.1.value', 'v1'],
      ['When', '2024-05-01T12:00:00Z'],
      ['Flag', 'true'],
    ]);
    const decoded = decodeQueryInput(params, shape);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.value.Items).toEqual(['a', 'b']);
    expect(decoded.value.Flat).toEqual([5, 6]);
    expect({ ...decoded.value.Attrs }).toEqual({ k1: 'v1' });
    expect(decoded.value.When?.toISOString()).toBe('2024-05-01T12:00:00.000Z');
    expect(decoded.value.Flag).toBe(true);
  });

  it('an empty list is sent as "Name=" and decodes to []', () => {
    const decoded = decodeQueryInput(new Map([['Items', '']]), shape);
    expect(decoded.ok && decoded.value.Items).toEqual([]);
  });

  it('absent members stay absent', () => {
    const decoded = decodeQueryInput(new Map(), shape);
    expect(decoded.ok && decoded.value).toEqual({});
  });
});
