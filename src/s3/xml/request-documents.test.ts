import { describe, expect, it } from 'vitest';
import { isAwsError } from '../../aws/index.ts';
import {
  readAccessControlPolicy,
  readBucketConfiguration,
  readCompleteMultipartUpload,
  readDelete,
  readOwnershipControls,
  readPublicAccessBlock,
  readTagging,
  readVersioningConfiguration,
} from './request-documents.ts';
import { readXml } from './xml-reader.ts';

const b = (text: string) => Buffer.from(text, 'utf8');
const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

describe('S3 request documents (Amazon S3 API Reference, "Request Syntax"; MalformedXML when not well-formed)', () => {
  it('Tagging: keys and values with entities, character references and CDATA', () => {
    const tags = readTagging(b(`<?xml version="1.0" encoding="UTF-8"?><Tagging ${NS}><TagSet><Tag><Key>Department</Key><Value>R&amp;D &#233;&#x20AC;</Value></Tag><Tag><Key><![CDATA[a<b]]></Key><Value/></Tag></TagSet></Tagging>`));
    expect(tags).toEqual([
      { key: 'Department', value: 'R&D é€' },
      { key: 'a<b', value: '' },
    ]);
  });

  it('Delete: Quiet and up to 1000 keys; more, none, or a key-less Object are MalformedXML', () => {
    expect(readDelete(b(`<Delete><Quiet>true</Quiet><Object><Key>a</Key></Object><Object><Key>b</Key><VersionId>null</VersionId></Object></Delete>`))).toEqual({
      quiet: true,
      objects: [
        { key: 'a', versionId: undefined },
        { key: 'b', versionId: 'null' },
      ],
    });
    const many = `<Delete>${'<Object><Key>k</Key></Object>'.repeat(1001)}</Delete>`;
    for (const bad of [many, '<Delete></Delete>', '<Delete><Object><VersionId>1</VersionId></Object></Delete>']) {
      const r = readDelete(b(bad));
      expect(isAwsError(r) && r.code).toBe('MalformedXML');
    }
  });

  it('CompleteMultipartUpload: part numbers and ETags (quotes removed) and part checksums', () => {
    expect(readCompleteMultipartUpload(b(`<CompleteMultipartUpload ${NS}><Part><ETag>"abc"</ETag><PartNumber>1</PartNumber><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part></CompleteMultipartUpload>`))).toEqual([
      { partNumber: 1, etag: 'abc', checksums: { CRC32: 'AAAAAA==' } },
    ]);
  });

  it('CreateBucketConfiguration: an empty body, a location constraint, bucket tags', () => {
    expect(readBucketConfiguration(b(''))).toEqual({ locationConstraint: undefined, tags: [] });
    expect(readBucketConfiguration(b(`<CreateBucketConfiguration ${NS}><LocationConstraint>eu-west-1</LocationConstraint><Tags><Tag><Key>Department</Key><Value>Finance</Value></Tag></Tags></CreateBucketConfiguration>`))).toEqual({
      locationConstraint: 'eu-west-1',
      tags: [{ key: 'Department', value: 'Finance' }],
    });
  });

  it('PublicAccessBlockConfiguration: absent flags are false; anything but true/false is MalformedXML', () => {
    expect(readPublicAccessBlock(b('<PublicAccessBlockConfiguration><BlockPublicPolicy>true</BlockPublicPolicy></PublicAccessBlockConfiguration>'))).toEqual({
      blockPublicAcls: false,
      ignorePublicAcls: false,
      blockPublicPolicy: true,
      restrictPublicBuckets: false,
    });
    const r = readPublicAccessBlock(b('<PublicAccessBlockConfiguration><BlockPublicPolicy>yes</BlockPublicPolicy></PublicAccessBlockConfiguration>'));
    expect(isAwsError(r) && r.code).toBe('MalformedXML');
  });

  it('refuses documents that are not well-formed, the wrong root, and any DOCTYPE (no entity expansion)', () => {
    for (const bad of [
      '<Tagging><TagSet></Tagging>',
      '<Tagging><TagSet/></Tagging>trailing',
      '<Tagging>&bogus;</Tagging>',
      '<Tagging>a & b</Tagging>',
      '<!DOCTYPE x [<!ENTITY e "boom">]><Tagging><TagSet/></Tagging>',
      '<Other/>',
    ]) {
      const r = readTagging(b(bad));
      expect(isAwsError(r) && r.code, bad).toBe('MalformedXML');
    }
    expect(readXml('<a x="1" y=\'2\'><!-- c --><b/></a>')).toEqual({ name: 'a', children: [{ name: 'b', children: [], text: '' }], text: '' });
  });

  it('VersioningConfiguration: Status Enabled or Suspended, MfaDelete Enabled or Disabled, both optional', () => {
    expect(readVersioningConfiguration(b(`<VersioningConfiguration ${NS}><Status>Enabled</Status></VersioningConfiguration>`))).toEqual({ status: 'Enabled', mfaDelete: undefined });
    expect(readVersioningConfiguration(b('<VersioningConfiguration><MfaDelete>Disabled</MfaDelete></VersioningConfiguration>'))).toEqual({ status: undefined, mfaDelete: 'Disabled' });
    for (const bad of ['<VersioningConfiguration><Status>On</Status></VersioningConfiguration>', '<Versioning/>']) {
      const r = readVersioningConfiguration(b(bad));
      expect(isAwsError(r) && r.code, bad).toBe('MalformedXML');
    }
  });

  it('OwnershipControls: one Rule with one of the three ObjectOwnership settings', () => {
    expect(readOwnershipControls(b(`<OwnershipControls ${NS}><Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule></OwnershipControls>`))).toBe('BucketOwnerEnforced');
    expect(readOwnershipControls(b('<OwnershipControls><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></OwnershipControls>'))).toBe('ObjectWriter');
    for (const bad of ['<OwnershipControls/>', '<OwnershipControls><Rule><ObjectOwnership>Mine</ObjectOwnership></Rule></OwnershipControls>']) {
      const r = readOwnershipControls(b(bad));
      expect(isAwsError(r) && r.code, bad).toBe('MalformedXML');
    }
  });

  it('AccessControlPolicy: grantees by ID, URI or EmailAddress with their permission; anything unreadable is MalformedACLError', () => {
    const doc = `<AccessControlPolicy ${NS}><Owner><ID>o</ID></Owner><AccessControlList>
      <Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>o</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>
      <Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant>
    </AccessControlList></AccessControlPolicy>`;
    expect(readAccessControlPolicy(b(doc))).toEqual({
      ownerId: 'o',
      grants: [
        { grantee: { type: 'CanonicalUser', value: 'o' }, permission: 'FULL_CONTROL' },
        { grantee: { type: 'Group', value: 'http://acs.amazonaws.com/groups/global/AllUsers' }, permission: 'READ' },
      ],
    });
    for (const bad of [
      '<AccessControlPolicy/>',
      '<AccessControlPolicy><AccessControlList><Grant><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>',
      '<AccessControlPolicy><AccessControlList><Grant><Grantee><ID>o</ID></Grantee><Permission>ALL</Permission></Grant></AccessControlList></AccessControlPolicy>',
      '<Tagging/>',
      'not xml',
    ]) {
      const r = readAccessControlPolicy(b(bad));
      expect(isAwsError(r) && r.code, bad).toBe('MalformedACLError');
    }
  });
});
