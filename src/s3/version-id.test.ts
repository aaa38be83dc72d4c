import { describe, expect, it } from 'vitest';
import { isAwsError } from '../aws/index.ts';
import { serviceCatalog } from '../catalog/index.ts';
import { echoedVersionId, parseVersionId, versionedAction, versionKeys } from './version-id.ts';

describe('versionId on a bucket that was never versioned (Amazon S3 User Guide, "How S3 Versioning works": such objects have version ID null)', () => {
  it('no versionId is the current object; `null` names it too', () => {
    expect(parseVersionId(null)).toEqual({ kind: 'current' });
    expect(parseVersionId('null')).toEqual({ kind: 'null' });
  });

  it('a well-formed version ID (32 characters of S3\'s alphabet) names a version that does not exist', () => {
    expect(parseVersionId('Yk2r4xr.XsxZ8lvqVFXkw6Ryn5aR3hDw')).toEqual({ kind: 'missing', versionId: 'Yk2r4xr.XsxZ8lvqVFXkw6Ryn5aR3hDw' });
    expect(parseVersionId('pMNICsPOB41xL_m46Bd3MJComKJ_ldXi')).toMatchObject({ kind: 'missing' });
  });

  it('anything else is 400 InvalidArgument "Invalid version id specified"; the empty string has its own message', () => {
    for (const bad of ['foo', '123', 'NULL', 'Yk2r4xr.XsxZ8lvqVFXkw6Ryn5aR3hD', 'Yk2r4xr XsxZ8lvqVFXkw6Ryn5aR3hDww']) {
      const r = parseVersionId(bad);
      expect(isAwsError(r) && [r.code, r.status, r.message, r.fields['ArgumentName']]).toEqual(['InvalidArgument', 400, 'Invalid version id specified', 'versionId']);
    }
    const empty = parseVersionId('');
    expect(isAwsError(empty) && empty.message).toBe('Version id cannot be the empty string');
  });
});

describe('A request naming a version is authorized as the version action (Service Authorization Reference, "Actions, resources, and condition keys for Amazon S3")', () => {
  it('each object action has its Version action, with the s3:versionid key; without a versionId the action stays', () => {
    const catalog = serviceCatalog();
    for (const action of ['s3:GetObject', 's3:DeleteObject', 's3:GetObjectAcl', 's3:PutObjectAcl', 's3:GetObjectTagging', 's3:PutObjectTagging', 's3:DeleteObjectTagging']) {
      expect(versionedAction(action, { kind: 'current' })).toBe(action);
      const versioned = versionedAction(action, { kind: 'null' });
      expect(versioned).not.toBe(action);
      const spec = catalog.action('s3', versioned.slice(3));
      expect(spec?.name, versioned).toBe(versioned.slice(3));
      expect(spec?.conditionKeys, versioned).toContain('s3:versionid');
    }
  });

  it('s3:versionid and the echoed x-amz-version-id are the version named', () => {
    expect(versionKeys({ kind: 'current' })).toEqual({});
    expect(versionKeys({ kind: 'null' })).toEqual({ 's3:versionid': 'null' });
    expect(versionKeys({ kind: 'missing', versionId: 'v' })).toEqual({ 's3:versionid': 'v' });
    expect([echoedVersionId({ kind: 'current' }), echoedVersionId({ kind: 'null' }), echoedVersionId({ kind: 'missing', versionId: 'v' })]).toEqual([undefined, 'null', 'v']);
  });
});
