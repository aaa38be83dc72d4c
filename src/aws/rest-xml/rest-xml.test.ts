import { describe, expect, it } from 'vitest';
import { botocore, botocoreAvailable, type OperationShapes } from '../botocore.fixture.ts';
import { awsError } from '../errors/index.ts';
import type { StructureShape } from '../shape/index.ts';
import { restXmlResponse, s3ErrorResponse } from './index.ts';

const IDS = { requestId: '4442587FB7D0A2F9', hostId: 'host/id+base64==' };

describe.skipIf(!botocoreAvailable)('Amazon S3 API Reference "ListObjectsV2" and "Error responses": bodies botocore parses', () => {
  const [listShapes] = botocoreAvailable ? (botocore([{ kind: 'shapes', service: 's3', operation: 'ListObjectsV2' }]) as OperationShapes[]) : [];
  const value = {
    IsTruncated: false,
    Name: 'bucket',
    Prefix: 'a b/',
    KeyCount: 2,
    MaxKeys: 1000,
    Delimiter: '/',
    Contents: [
      { Key: 'a b/ü & <x>.txt', LastModified: new Date(Date.UTC(2024, 4, 1, 12, 0, 0, 123)), ETag: '"d41d8cd98f00b204e9800998ecf8427e"', Size: 0, StorageClass: 'STANDARD' },
      { Key: 'a b/two', LastModified: new Date(Date.UTC(2024, 4, 2)), ETag: '"x"', Size: 5, StorageClass: 'STANDARD' },
    ],
    CommonPrefixes: [{ Prefix: 'a b/dir/' }],
  };

  it('ListBucketResult: flattened Contents, timestamps with milliseconds, escaped keys', () => {
    const res = restXmlResponse('ListBucketResult', listShapes?.output as StructureShape, value as never, IDS);
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<ListBucketResult xmlns="http:\/\/s3.amazonaws.com\/doc\/2006-03-01\/">/);
    expect(res.body).toContain('<LastModified>2024-05-01T12:00:00.123Z</LastModified>');
    expect(res.headers['x-amz-request-id']).toBe(IDS.requestId);
    const [parsed] = botocore([{ kind: 'parse', service: 's3', operation: 'ListObjectsV2', status: 200, body: res.body }]) as Record<string, unknown>[];
    expect(parsed).toEqual(JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? v.replace(/\.\d{3}Z$/, 'Z') : v))));
  });

  it('an error carries Code, Message, its fields, Resource, RequestId and HostId; never the detail', () => {
    const err = awsError('NoSuchKey', undefined, { fields: { Key: 'a&b' }, detail: 'private' });
    const res = s3ErrorResponse(err, IDS, { resource: '/bucket/a&b' });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('private');
    expect(res.body).toContain('<Key>a&amp;b</Key><Resource>/bucket/a&amp;b</Resource>');
    const [parsed] = botocore([{ kind: 'parse', service: 's3', operation: 'GetObject', status: res.status, body: res.body }]) as {
      Error: Record<string, string>;
    }[];
    expect(parsed?.Error['Code']).toBe('NoSuchKey');
    expect(parsed?.Error['Message']).toBe('The specified key does not exist.');
  });

  it('a HEAD error has no body', () => {
    expect(s3ErrorResponse(awsError('NoSuchBucket'), IDS, { head: true }).body).toBe('');
  });
});
