import { describe, expect, it } from 'vitest';
import { aclOfHeaders, aclOfPolicy } from './acl.ts';

const OWNER = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

describe('ACLs under Object Ownership "bucket owner enforced" (Amazon S3 User Guide, "Controlling ownership of objects and disabling ACLs for your bucket")', () => {
  it('no ACL header asks nothing', () => {
    expect(aclOfHeaders({ 'content-type': 'text/plain' }, OWNER)).toBe('none');
  });

  it('the canned ACLs private and bucket-owner-full-control give the owner full control and nothing more', () => {
    expect(aclOfHeaders({ 'x-amz-acl': 'private' }, OWNER)).toBe('owner-only');
    expect(aclOfHeaders({ 'x-amz-acl': 'bucket-owner-full-control' }, OWNER)).toBe('owner-only');
  });

  it('every other canned ACL grants more', () => {
    for (const acl of ['public-read', 'public-read-write', 'authenticated-read', 'aws-exec-read', 'bucket-owner-read', 'log-delivery-write', 'nonsense']) {
      expect(aclOfHeaders({ 'x-amz-acl': acl }, OWNER), acl).toBe('grants-more');
    }
  });

  it('x-amz-grant-full-control naming only the owner is the owner-only ACL; any other grant grants more', () => {
    expect(aclOfHeaders({ 'x-amz-grant-full-control': `id="${OWNER}"` }, OWNER)).toBe('owner-only');
    expect(aclOfHeaders({ 'x-amz-grant-full-control': `id="${OWNER}", id="${OTHER}"` }, OWNER)).toBe('grants-more');
    expect(aclOfHeaders({ 'x-amz-grant-full-control': `uri="http://acs.amazonaws.com/groups/global/AllUsers"` }, OWNER)).toBe('grants-more');
    expect(aclOfHeaders({ 'x-amz-grant-read': `id="${OWNER}"` }, OWNER)).toBe('grants-more');
    expect(aclOfHeaders({ 'x-amz-acl': 'private', 'x-amz-grant-read': `emailAddress="x@example.com"` }, OWNER)).toBe('grants-more');
  });

  it('an AccessControlPolicy is owner-only when its grants are the owner\'s FULL_CONTROL alone', () => {
    const owner = { type: 'CanonicalUser' as const, value: OWNER };
    expect(aclOfPolicy({ ownerId: OWNER, grants: [{ grantee: owner, permission: 'FULL_CONTROL' }] }, OWNER)).toBe('owner-only');
    expect(aclOfPolicy({ ownerId: undefined, grants: [{ grantee: owner, permission: 'FULL_CONTROL' }] }, OWNER)).toBe('owner-only');
    expect(aclOfPolicy({ ownerId: OWNER, grants: [{ grantee: owner, permission: 'READ' }] }, OWNER)).toBe('grants-more');
    expect(aclOfPolicy({ ownerId: OWNER, grants: [] }, OWNER)).toBe('grants-more');
    expect(aclOfPolicy({ ownerId: OTHER, grants: [{ grantee: owner, permission: 'FULL_CONTROL' }] }, OWNER)).toBe('grants-more');
    expect(
      aclOfPolicy({ ownerId: OWNER, grants: [{ grantee: owner, permission: 'FULL_CONTROL' }, { grantee: { type: 'Group', value: 'http://acs.amazonaws.com/groups/global/AllUsers' }, permission: 'READ' }] }, OWNER),
    ).toBe('grants-more');
  });
});
