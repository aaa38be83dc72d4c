// The XML documents S3 requests carry, read into typed values (Amazon S3 API Reference, "Request
// Syntax" of PutBucketTagging/PutObjectTagging, DeleteObjects, CompleteMultipartUpload,
// CreateBucket, PutPublicAccessBlock, PutBucketVersioning, PutBucketOwnershipControls and
// PutBucketAcl/PutObjectAcl). A document that is not well-formed or lacks a required element is
// MalformedXML (an AccessControlPolicy: MalformedACLError).
import { awsError, type AwsError } from '../../aws/index.ts';
import type { PublicAccessBlock, Tag } from '../../store/index.ts';
import type { AccessControlPolicy, AclGrant } from '../acl.ts';
import { childOf, childrenOf, readXml, type XmlElement } from './xml-reader.ts';

const malformed = (detail: string): AwsError => awsError('MalformedXML', undefined, { detail });

function root(body: Buffer, name: string): XmlElement | AwsError {
  const doc = readXml(body.toString('utf8'));
  if (doc === undefined) return malformed('not well-formed');
  if (doc.name !== name) return malformed(`root element ${doc.name}, expected ${name}`);
  return doc;
}

function tagsIn(set: XmlElement): Tag[] | AwsError {
  const tags: Tag[] = [];
  for (const tag of childrenOf(set, 'Tag')) {
    const key = childOf(tag, 'Key');
    if (key === undefined) return malformed('Tag without Key');
    tags.push({ key: key.text, value: childOf(tag, 'Value')?.text ?? '' });
  }
  return tags;
}

/** `<Tagging><TagSet><Tag><Key/><Value/></Tag>…</TagSet></Tagging>`. */
export function readTagging(body: Buffer): Tag[] | AwsError {
  const doc = root(body, 'Tagging');
  if (doc instanceof Error) return doc;
  const set = childOf(doc, 'TagSet');
  if (set === undefined) return malformed('Tagging without TagSet');
  return tagsIn(set);
}

/** One key of a DeleteObjects request. */
export interface DeleteEntry {
  readonly key: string;
  readonly versionId: string | undefined;
  /** The conditional delete's ETag, as sent (quoted or not, or `*`). */
  readonly etag?: string;
}

/** `<Delete><Quiet/><Object><Key/><VersionId/><ETag/></Object>…</Delete>`: 1 to 1000 keys. */
export function readDelete(body: Buffer): { readonly quiet: boolean; readonly objects: DeleteEntry[] } | AwsError {
  const doc = root(body, 'Delete');
  if (doc instanceof Error) return doc;
  const objects: DeleteEntry[] = [];
  for (const o of childrenOf(doc, 'Object')) {
    const key = childOf(o, 'Key');
    if (key === undefined) return malformed('Object without Key');
    const etag = childOf(o, 'ETag')?.text;
    objects.push({ key: key.text, versionId: childOf(o, 'VersionId')?.text, ...(etag === undefined ? {} : { etag }) });
  }
  if (objects.length === 0 || objects.length > 1000) return malformed(`${objects.length} objects`);
  return { quiet: childOf(doc, 'Quiet')?.text.trim().toLowerCase() === 'true', objects };
}

/** One part named by CompleteMultipartUpload. */
export interface CompletedPart {
  readonly partNumber: number;
  /** Without quotes. */
  readonly etag: string;
  /** `ChecksumCRC32` and the like, by algorithm name (upper case). */
  readonly checksums: Readonly<Record<string, string>>;
}

const CHECKSUM_ELEMENTS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'];

/** `<CompleteMultipartUpload><Part><PartNumber/><ETag/></Part>…</CompleteMultipartUpload>`. */
export function readCompleteMultipartUpload(body: Buffer): CompletedPart[] | AwsError {
  const doc = root(body, 'CompleteMultipartUpload');
  if (doc instanceof Error) return doc;
  const parts: CompletedPart[] = [];
  for (const p of childrenOf(doc, 'Part')) {
    const number = childOf(p, 'PartNumber')?.text.trim();
    const etag = childOf(p, 'ETag')?.text.trim();
    if (number === undefined || etag === undefined || !/^\d{1,5}$/.test(number)) return malformed('Part without PartNumber or ETag');
    const checksums: Record<string, string> = {};
    for (const algorithm of CHECKSUM_ELEMENTS) {
      const value = childOf(p, `Checksum${algorithm}`)?.text.trim();
      if (value !== undefined) checksums[algorithm] = value;
    }
    parts.push({ partNumber: Number(number), etag: etag.replace(/^"(.*)"$/, '$1'), checksums });
  }
  if (parts.length === 0) return malformed('no parts');
  return parts;
}

/** What a CreateBucket body may say. */
export interface BucketConfiguration {
  readonly locationConstraint: string | undefined;
  readonly tags: Tag[];
}

/** `<CreateBucketConfiguration><LocationConstraint/><Tags><Tag/>…</Tags></CreateBucketConfiguration>`; an empty body says nothing. */
export function readBucketConfiguration(body: Buffer): BucketConfiguration | AwsError {
  if (body.toString('utf8').trim() === '') return { locationConstraint: undefined, tags: [] };
  const doc = root(body, 'CreateBucketConfiguration');
  if (doc instanceof Error) return doc;
  const location = childOf(doc, 'LocationConstraint')?.text.trim();
  const tagSet = childOf(doc, 'Tags');
  const tags = tagSet === undefined ? [] : tagsIn(tagSet);
  if (tags instanceof Error) return tags;
  return { locationConstraint: location === '' ? undefined : location, tags };
}

function flag(doc: XmlElement, name: string): boolean | AwsError {
  const text = childOf(doc, name)?.text.trim().toLowerCase();
  if (text === undefined) return false;
  if (text !== 'true' && text !== 'false') return malformed(`${name} is ${text}`);
  return text === 'true';
}

/** `<PublicAccessBlockConfiguration>` with its four flags (absent flags are false). */
export function readPublicAccessBlock(body: Buffer): PublicAccessBlock | AwsError {
  const doc = root(body, 'PublicAccessBlockConfiguration');
  if (doc instanceof Error) return doc;
  const blockPublicAcls = flag(doc, 'BlockPublicAcls');
  const ignorePublicAcls = flag(doc, 'IgnorePublicAcls');
  const blockPublicPolicy = flag(doc, 'BlockPublicPolicy');
  const restrictPublicBuckets = flag(doc, 'RestrictPublicBuckets');
  if (blockPublicAcls instanceof Error) return blockPublicAcls;
  if (ignorePublicAcls instanceof Error) return ignorePublicAcls;
  if (blockPublicPolicy instanceof Error) return blockPublicPolicy;
  if (restrictPublicBuckets instanceof Error) return restrictPublicBuckets;
  return { blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets };
}

/** What a PutBucketVersioning body asks. */
export interface VersioningRequest {
  readonly status: 'Enabled' | 'Suspended' | undefined;
  readonly mfaDelete: 'Enabled' | 'Disabled' | undefined;
}

/** `<VersioningConfiguration><Status/><MfaDelete/></VersioningConfiguration>`. */
export function readVersioningConfiguration(body: Buffer): VersioningRequest | AwsError {
  const doc = root(body, 'VersioningConfiguration');
  if (doc instanceof Error) return doc;
  const status = childOf(doc, 'Status')?.text.trim();
  const mfaDelete = childOf(doc, 'MfaDelete')?.text.trim();
  if (status !== undefined && status !== 'Enabled' && status !== 'Suspended') return malformed(`Status ${status}`);
  if (mfaDelete !== undefined && mfaDelete !== 'Enabled' && mfaDelete !== 'Disabled') return malformed(`MfaDelete ${mfaDelete}`);
  return { status, mfaDelete };
}

const OBJECT_OWNERSHIPS = ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'] as const;

/** `<OwnershipControls><Rule><ObjectOwnership/></Rule></OwnershipControls>`: one rule. */
export function readOwnershipControls(body: Buffer): (typeof OBJECT_OWNERSHIPS)[number] | AwsError {
  const doc = root(body, 'OwnershipControls');
  if (doc instanceof Error) return doc;
  const rules = childrenOf(doc, 'Rule');
  const text = rules.length === 1 && rules[0] !== undefined ? childOf(rules[0], 'ObjectOwnership')?.text.trim() : undefined;
  const ownership = OBJECT_OWNERSHIPS.find((o) => o === text);
  return ownership ?? malformed(`${rules.length} rules, ObjectOwnership ${text ?? 'absent'}`);
}

const PERMISSIONS = ['FULL_CONTROL', 'WRITE', 'WRITE_ACP', 'READ', 'READ_ACP'];

/** `<AccessControlPolicy><AccessControlList><Grant><Grantee/><Permission/></Grant>…</AccessControlList><Owner/></AccessControlPolicy>`. */
export function readAccessControlPolicy(body: Buffer): AccessControlPolicy | AwsError {
  const malformedAcl = (detail: string) => awsError('MalformedACLError', undefined, { detail });
  const doc = readXml(body.toString('utf8'));
  if (doc === undefined || doc.name !== 'AccessControlPolicy') return malformedAcl('not an AccessControlPolicy');
  const list = childOf(doc, 'AccessControlList');
  if (list === undefined) return malformedAcl('no AccessControlList');
  const grants: AclGrant[] = [];
  for (const grant of childrenOf(list, 'Grant')) {
    const grantee = childOf(grant, 'Grantee');
    const permission = childOf(grant, 'Permission')?.text.trim();
    if (grantee === undefined || permission === undefined || !PERMISSIONS.includes(permission)) return malformedAcl('Grant without Grantee or Permission');
    // The Grantee's xsi:type follows from the element it holds: ID, URI or EmailAddress.
    const id = childOf(grantee, 'ID')?.text.trim();
    const uri = childOf(grantee, 'URI')?.text.trim();
    const email = childOf(grantee, 'EmailAddress')?.text.trim();
    if (id !== undefined) grants.push({ grantee: { type: 'CanonicalUser', value: id }, permission });
    else if (uri !== undefined) grants.push({ grantee: { type: 'Group', value: uri }, permission });
    else if (email !== undefined) grants.push({ grantee: { type: 'AmazonCustomerByEmail', value: email }, permission });
    else return malformedAcl('Grantee without ID, URI or EmailAddress');
  }
  const owner = childOf(doc, 'Owner');
  return { ownerId: owner === undefined ? undefined : childOf(owner, 'ID')?.text.trim(), grants };
}
