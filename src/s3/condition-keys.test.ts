import { describe, expect, it } from 'vitest';
import { serviceCatalog } from '../catalog/index.ts';
import { existingObjectTagKeys, listKeys, requestKeys, requestObjectTagKeys, requestTagKeys, writeHeaderKeys } from './condition-keys.ts';

// The keys an action supports, as the Service Authorization Reference lists them (templates as prefixes),
// plus the bucket's resource-type keys (aws:ResourceTag, s3:BucketTag) and the global keys.
function supported(action: string): (key: string) => boolean {
  const a = serviceCatalog().action('s3', action);
  const keys = [...(a?.conditionKeys ?? []), ...(a?.resourceTypes.flatMap((t) => t.conditionKeys) ?? []), 'aws:ResourceTag/${TagKey}', 's3:BucketTag/${TagKey}'];
  const patterns = keys.map((k) => k.toLowerCase().replace(/\$\{tagkey\}|<key>/, ''));
  return (key) => key.startsWith('aws:') || patterns.some((p) => (p.endsWith('/') ? key.toLowerCase().startsWith(p) : key.toLowerCase() === p));
}

describe('S3 condition keys (Service Authorization Reference, "Actions, resources, and condition keys for Amazon S3")', () => {
  const signed = requestKeys({ kind: 'header', requestTime: 1000, contentSha256: 'UNSIGNED-PAYLOAD' }, 1500, undefined);

  it('every request: s3:authType, s3:signatureversion, s3:signatureAge, s3:x-amz-content-sha256; none for anonymous requests', () => {
    expect(signed).toEqual({
      's3:authType': 'REST-HEADER',
      's3:signatureversion': 'AWS4-HMAC-SHA256',
      's3:signatureAge': '500',
      's3:x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    });
    expect(requestKeys({ kind: 'query', requestTime: 0, contentSha256: undefined }, 0, '1.3')).toEqual({
      's3:authType': 'REST-QUERY-STRING',
      's3:signatureversion': 'AWS4-HMAC-SHA256',
      's3:signatureAge': '0',
      's3:TlsVersion': '1.3',
    });
    expect(requestKeys({ kind: 'anonymous' }, 0, undefined)).toEqual({});
  });

  it('ListBucket carries s3:prefix, s3:delimiter and s3:max-keys only when the request gives them', () => {
    expect(listKeys(new URLSearchParams('prefix=&delimiter=%2F&max-keys=10'))).toEqual({ 's3:prefix': '', 's3:delimiter': '/', 's3:max-keys': '10' });
    expect(listKeys(new URLSearchParams('list-type=2'))).toEqual({});
  });

  it('writes carry s3:x-amz-server-side-encryption only when the request sends the header (so Null conditions see its absence)', () => {
    expect(writeHeaderKeys({ 'x-amz-server-side-encryption': 'AES256' })).toEqual({ 's3:x-amz-server-side-encryption': 'AES256' });
    expect(writeHeaderKeys({})).toEqual({});
  });

  it('each action gets only keys the reference lists for it', () => {
    const tags = [{ key: 'Department', value: 'Finance' }];
    const checks: [string, Record<string, unknown>][] = [
      ['GetObject', { ...signed, ...existingObjectTagKeys(tags) }],
      ['ListBucket', { ...signed, ...listKeys(new URLSearchParams('prefix=a&delimiter=/&max-keys=1')) }],
      [
        'PutObject',
        {
          ...signed,
          ...requestObjectTagKeys(tags),
          ...writeHeaderKeys({ 'x-amz-acl': 'private', 'x-amz-storage-class': 'STANDARD', 'x-amz-server-side-encryption': 'AES256', 'if-none-match': '*' }),
        },
      ],
      ['PutObjectTagging', { ...signed, ...existingObjectTagKeys(tags), ...requestObjectTagKeys(tags) }],
      ['CreateBucket', { ...signed, ...requestTagKeys(tags), 's3:locationconstraint': 'eu-west-1' }],
    ];
    for (const [action, keys] of checks) {
      const ok = supported(action);
      for (const key of Object.keys(keys)) expect(ok(key), `${action} ${key}`).toBe(true);
    }
  });
});
