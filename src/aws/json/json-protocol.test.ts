import { describe, expect, it } from 'vitest';
import { awsError } from '../errors/index.ts';
import type { StructureShape } from '../shape/index.ts';
import { botocore, botocoreAvailable, type OperationShapes } from '../botocore.fixture.ts';
import { decodeJsonInput, jsonErrorResponse, jsonResponse, ORGANIZATIONS_TARGET_PREFIX, parseJsonRequest } from './index.ts';

describe('AWS JSON 1.1 protocol (Organizations): X-Amz-Target and the JSON body', () => {
  it('reads the operation from X-Amz-Target and the input from the body', () => {
    const parsed = parseJsonRequest({ target: 'AWSOrganizationsV20161128.CreateOrganization', body: '{"FeatureSet":"ALL"}' }, ORGANIZATIONS_TARGET_PREFIX);
    expect(parsed).toEqual({ ok: true, request: { operation: 'CreateOrganization', input: { FeatureSet: 'ALL' } } });
  });

  it('an empty body is an empty input', () => {
    const parsed = parseJsonRequest({ target: 'AWSOrganizationsV20161128.DescribeOrganization', body: '' }, ORGANIZATIONS_TARGET_PREFIX);
    expect(parsed.ok && parsed.request.input).toEqual({});
  });

  it.each([undefined, 'DescribeOrganization', 'AmazonDynamoDB.Scan', 'AWSOrganizationsV20161128.'])('target %j: UnknownOperationException', (target) => {
    const parsed = parseJsonRequest({ target, body: '{}' }, ORGANIZATIONS_TARGET_PREFIX);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe('UnknownOperationException');
  });

  it.each(['{', '[]', '"x"'])('body %j: SerializationException', (body) => {
    const parsed = parseJsonRequest({ target: 'AWSOrganizationsV20161128.ListRoots', body }, ORGANIZATIONS_TARGET_PREFIX);
    expect(!parsed.ok && parsed.error.code).toBe('SerializationException');
  });
});

describe.skipIf(!botocoreAvailable)('AWS JSON 1.1 round trips with botocore and the Organizations model', () => {
  const inputs = [
    ['CreateOrganization', { FeatureSet: 'ALL' }],
    ['CreatePolicy', { Content: '{"Version":"2012-10-17"}', Description: 'd', Name: 'deny-all', Type: 'SERVICE_CONTROL_POLICY', Tags: [{ Key: 'k', Value: 'v' }] }],
    ['ListAccounts', { MaxResults: 10, NextToken: 'abc' }],
  ] as const;
  const outputs = [
    ['DescribeOrganization', { Organization: { Id: 'o-exampleorgid', Arn: 'arn:aws:organizations::111111111111:organization/o-exampleorgid', FeatureSet: 'ALL', MasterAccountId: '111111111111', AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] } }],
    ['ListAccounts', { Accounts: [{ Id: '222222222222', Name: 'dev', Status: 'ACTIVE', JoinedMethod: 'CREATED', JoinedTimestamp: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) }] }],
  ] as const;
  const shapes = botocoreAvailable
    ? (botocore([...inputs, ...outputs].map(([operation]) => ({ kind: 'shapes' as const, service: 'organizations', operation }))) as OperationShapes[])
    : [];
  const serialized = botocoreAvailable
    ? (botocore(inputs.map(([operation, params]) => ({ kind: 'serialize' as const, service: 'organizations', operation, params }))) as {
        body: string;
        headers: Record<string, string>;
      }[])
    : [];

  it.each(inputs.map(([op], i) => [op, i] as const))('%s input decodes to what botocore sent', (_op, i) => {
    const sent = serialized[i];
    if (sent === undefined) throw new Error('missing');
    const parsed = parseJsonRequest({ target: sent.headers['X-Amz-Target'], body: sent.body }, ORGANIZATIONS_TARGET_PREFIX);
    if (!parsed.ok) throw parsed.error;
    expect(parsed.request.operation).toBe(inputs[i]?.[0]);
    const decoded = decodeJsonInput(parsed.request.input, shapes[i]?.input as StructureShape);
    if (!decoded.ok) throw decoded.error;
    expect(decoded.value).toEqual(inputs[i]?.[1]);
  });

  it.each(outputs.map(([op], i) => [op, i] as const))('%s output parses with botocore (timestamps as epoch seconds)', (op, i) => {
    const value = outputs[i]?.[1];
    const res = jsonResponse('req-1', { shape: shapes[inputs.length + i]?.output as StructureShape, value: value as never });
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.1');
    const [parsed] = botocore([{ kind: 'parse', service: 'organizations', operation: op, status: 200, body: res.body }]);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' && /^\d{4}-\d\dT?/.test(v) ? v.replace(/\.\d{3}Z$/, 'Z') : v))));
  });

  it('a constraint violation is reported with the chosen code', () => {
    const decoded = decodeJsonInput({ Name: '', Content: 'x', Description: 'd', Type: 'NOPE' }, shapes[1]?.input as StructureShape, 'InvalidInputException');
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.error.code).toBe('InvalidInputException');
      expect(decoded.error.message).toMatch(/^2 validation errors detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; Value 'NOPE' at 'type' failed to satisfy constraint: Member must satisfy enum value set: \[/);
    }
  });

  it('a value of the wrong JSON type is a SerializationException', () => {
    const decoded = decodeJsonInput({ MaxResults: 'ten' }, shapes[2]?.input as StructureShape);
    expect(!decoded.ok && decoded.error.code).toBe('SerializationException');
  });

  it('errors parse as {"__type", "message"} with the status and x-amzn-ErrorType', () => {
    const err = awsError('AWSOrganizationsNotInUseException', undefined, { detail: 'private' });
    const res = jsonErrorResponse(err, 'req-2');
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-errortype']).toBe('AWSOrganizationsNotInUseException');
    expect(res.body).not.toContain('private');
    const [parsed] = botocore([{ kind: 'parse', service: 'organizations', operation: 'DescribeOrganization', status: res.status, body: res.body }]) as {
      Error: { Code: string; Message: string };
    }[];
    expect(parsed?.Error.Code).toBe('AWSOrganizationsNotInUseException');
    expect(parsed?.Error.Message).toBe('Your account is not a member of an organization.');
  });
});
