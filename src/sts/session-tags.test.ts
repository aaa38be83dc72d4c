import { describe, expect, it } from 'vitest';
import { isAwsError } from '../aws/index.ts';
import { requestedSessionTags } from './session-tags.ts';

function refusedWith(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (!isAwsError(err)) throw err;
    return err.code;
  }
}

describe('IAM User Guide, "Pass session tags in AWS STS": request tags', () => {
  it('brings aws:RequestTag, aws:TagKeys and sts:TransitiveTagKeys to the policies', () => {
    const set = requestedSessionTags([{ Key: 'Project', Value: 'Pegasus' }, { Key: 'Cost-Center', Value: '98765' }], ['Project'], undefined);
    expect(set.context).toEqual({
      'aws:RequestTag/Project': 'Pegasus',
      'aws:RequestTag/Cost-Center': '98765',
      'aws:TagKeys': ['Project', 'Cost-Center'],
      'sts:TransitiveTagKeys': ['Project'],
    });
    expect(set.requested).toBe(true);
    expect(set.transitiveTagKeys).toEqual(['Project']);
  });
  it('refuses keys that differ only in case', () => {
    expect(refusedWith(() => requestedSessionTags([{ Key: 'team', Value: 'a' }, { Key: 'Team', Value: 'b' }], undefined, undefined))).toBe('ValidationError');
  });
  it('refuses the reserved aws: prefix', () => {
    expect(refusedWith(() => requestedSessionTags([{ Key: 'aws:team', Value: 'a' }], undefined, undefined))).toBe('ValidationError');
  });
  it('refuses a transitive key that is not a session tag of the request', () => {
    expect(refusedWith(() => requestedSessionTags([{ Key: 'team', Value: 'a' }], ['project'], undefined))).toBe('ValidationError');
  });
  it('has no request keys when no tags are passed', () => {
    const set = requestedSessionTags(undefined, undefined, undefined);
    expect(set.requested).toBe(false);
    expect(set.context).toEqual({});
  });
});

describe('IAM User Guide, "Chaining roles with session tags"', () => {
  const caller = { tags: { Project: 'Pegasus', Team: 'blue' }, ttk: ['Project'] };
  it('inherits only the calling session\'s transitive tags, which stay transitive', () => {
    const set = requestedSessionTags([{ Key: 'Stage', Value: 'dev' }], undefined, caller);
    expect(set.tags).toEqual({ Project: 'Pegasus', Stage: 'dev' });
    expect(set.transitiveTagKeys).toEqual(['Project']);
    expect(set.context['aws:TagKeys']).toEqual(['Stage']);
  });
  it('refuses a request tag with the key of an inherited transitive tag', () => {
    expect(refusedWith(() => requestedSessionTags([{ Key: 'project', Value: 'Other' }], undefined, caller))).toBe('ValidationError');
  });
  it('allows the key of an inherited tag that was not transitive', () => {
    expect(requestedSessionTags([{ Key: 'Team', Value: 'red' }], undefined, caller).tags).toEqual({ Project: 'Pegasus', Team: 'red' });
  });
});
