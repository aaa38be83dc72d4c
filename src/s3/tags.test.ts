import { describe, expect, it } from 'vitest';
import { isAwsError } from '../aws/index.ts';
import { checkTags, parseTaggingHeader } from './tags.ts';

const tag = (key: string, value = 'v') => ({ key, value });

describe('Object and bucket tag limits (Amazon S3 User Guide, "Categorizing your objects using tags")', () => {
  it('x-amz-tagging is a URL query string of key=value pairs', () => {
    expect(parseTaggingHeader('Department=Finance&Project=a%20b')).toEqual([tag('Department', 'Finance'), tag('Project', 'a b')]);
  });

  it('at most 10 object tags and 50 bucket tags; keys at most 128, values 256 characters; unique keys; no aws: keys', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => tag(`k${i}`));
    expect(checkTags(eleven, 'object')?.message).toBe('Object tags cannot be greater than 10');
    expect(checkTags(eleven, 'bucket')).toBeUndefined();
    expect(checkTags([tag('k'.repeat(129))], 'object')?.message).toBe('The TagKey you have provided is too long, max 128');
    expect(checkTags([tag('k', 'v'.repeat(257))], 'object')?.message).toBe('The TagValue you have provided is too long, max 256');
    expect(checkTags([tag('k'), tag('k')], 'object')?.message).toBe('Cannot provide multiple Tags with the same key');
    expect(checkTags([tag('aws:x')], 'object')?.code).toBe('InvalidTag');
    expect(checkTags([tag('bad#key')], 'object')?.message).toBe('The TagKey you have provided is invalid');
    const header = parseTaggingHeader('a=1&a=2');
    expect(isAwsError(header) && header.code).toBe('InvalidTag');
  });
});
