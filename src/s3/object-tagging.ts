// An object's tags (Amazon S3 API Reference, "GetObjectTagging", "PutObjectTagging",
// "DeleteObjectTagging"): at most 10, with s3:ExistingObjectTag/<k> for the tags it has and
// s3:RequestObjectTag/<k> for the tags a put gives it. With a versionId they are the Version actions
// (s3:GetObjectVersionTagging, ...): `null` is the object, another version is NoSuchVersion.
import { awsError, restXmlResponse, type WireResponse } from '../aws/index.ts';
import { existingObjectTagKeys, requestObjectTagKeys } from './condition-keys.ts';
import { readableObject } from './object-reads.ts';
import { resourceArn } from './operations.ts';
import { TAGGING } from './response-shapes.ts';
import type { S3Call } from './s3-call.ts';
import { checkTags } from './tags.ts';
import { noSuchVersion, requestedVersion, versionedAction, versionKeys } from './version-id.ts';
import { readTagging } from './xml/request-documents.ts';

export async function getObjectTagging(call: S3Call): Promise<WireResponse> {
  const version = requestedVersion(call.query);
  const entry = await call.bucket();
  const object = await readableObject(call, entry, call.key ?? '', call.op.action, version);
  return restXmlResponse('Tagging', TAGGING, { TagSet: object.tags.map((t) => ({ Key: t.key, Value: t.value })) }, call.ids);
}

export async function putObjectTagging(call: S3Call): Promise<WireResponse> {
  const version = requestedVersion(call.query);
  const entry = await call.bucket();
  const key = call.key ?? '';
  const tags = readTagging(await call.smallBody(64 * 1024));
  if (tags instanceof Error) throw tags;
  const invalid = checkTags(tags, 'object');
  if (invalid !== undefined) throw invalid;
  const object = await call.services.objects.get(entry.bucket.name, key);
  const context = { ...(object === undefined ? {} : existingObjectTagKeys(object.tags)), ...requestObjectTagKeys(tags), ...versionKeys(version) };
  call.authorize(versionedAction(call.op.action, version), resourceArn('object', entry.bucket.name, key), entry, context);
  if (version.kind === 'missing') throw noSuchVersion(key, version.versionId);
  if (object === undefined || !(await call.services.writing(entry.bucket.name, key, () => call.services.store.s3Objects.setTags(entry.bucket.name, key, tags)))) {
    throw awsError('NoSuchKey', undefined, { fields: { Key: key } });
  }
  return call.reply(200);
}

export async function deleteObjectTagging(call: S3Call): Promise<WireResponse> {
  const version = requestedVersion(call.query);
  const entry = await call.bucket();
  const key = call.key ?? '';
  const object = await call.services.objects.get(entry.bucket.name, key);
  const context = { ...(object === undefined ? {} : existingObjectTagKeys(object.tags)), ...versionKeys(version) };
  call.authorize(versionedAction(call.op.action, version), resourceArn('object', entry.bucket.name, key), entry, context);
  if (version.kind === 'missing') throw noSuchVersion(key, version.versionId);
  if (object === undefined || !(await call.services.writing(entry.bucket.name, key, () => call.services.store.s3Objects.setTags(entry.bucket.name, key, [])))) {
    throw awsError('NoSuchKey', undefined, { fields: { Key: key } });
  }
  return call.reply(204);
}
