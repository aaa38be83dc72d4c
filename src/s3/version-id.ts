// The versionId of a request on podiam's buckets, which are never versioned (Amazon S3 User Guide,
// "How S3 Versioning works": objects stored while versioning has never been enabled have the version
// ID `null`). `versionId=null` names the current object; another well-formed version ID names a
// version that does not exist (404 NoSuchVersion; DeleteObject and DeleteObjects answer success and
// echo it, as S3 does for versions that are gone); anything else is 400 InvalidArgument "Invalid
// version id specified". S3's version IDs are 32 characters of [A-Za-z0-9._-]; S3 also refuses ones
// of that form it did not issue, which podiam, issuing none, cannot tell apart.
// A request that names a version, even `null`, is authorized as the version's action (Service
// Authorization Reference: s3:GetObjectVersion "to retrieve a specific version of an object", with
// the s3:versionid condition key).
import { awsError, type AwsError } from '../aws/index.ts';
import type { ContextValue } from '../policy/index.ts';

/** What a request's versionId names. */
export type RequestedVersion =
  | { readonly kind: 'current' }
  | { readonly kind: 'null' }
  | { readonly kind: 'missing'; readonly versionId: string };

const CURRENT: RequestedVersion = Object.freeze({ kind: 'current' });
const NULL_VERSION: RequestedVersion = Object.freeze({ kind: 'null' });
const WELL_FORMED = /^[A-Za-z0-9._-]{32}$/;

/** Reads a version ID (a query's versionId, a DeleteObjects VersionId, a copy source's versionId). */
export function parseVersionId(text: string | null | undefined, argumentName = 'versionId'): RequestedVersion | AwsError {
  if (text === null || text === undefined) return CURRENT;
  if (text === 'null') return NULL_VERSION;
  if (text === '') return awsError('InvalidArgument', 'Version id cannot be the empty string', { fields: { ArgumentName: argumentName, ArgumentValue: text } });
  if (WELL_FORMED.test(text)) return { kind: 'missing', versionId: text };
  return awsError('InvalidArgument', 'Invalid version id specified', { fields: { ArgumentName: argumentName, ArgumentValue: text } });
}

/** The versionId of a request's query, or S3's refusal (thrown). */
export function requestedVersion(query: URLSearchParams): RequestedVersion {
  const version = parseVersionId(query.get('versionId'));
  if (version instanceof Error) throw version;
  return version;
}

const VERSION_ACTIONS: Readonly<Record<string, string>> = {
  's3:GetObject': 's3:GetObjectVersion',
  's3:DeleteObject': 's3:DeleteObjectVersion',
  's3:GetObjectAcl': 's3:GetObjectVersionAcl',
  's3:PutObjectAcl': 's3:PutObjectVersionAcl',
  's3:GetObjectTagging': 's3:GetObjectVersionTagging',
  's3:GetObjectAttributes': 's3:GetObjectVersionAttributes',
  's3:PutObjectTagging': 's3:PutObjectVersionTagging',
  's3:DeleteObjectTagging': 's3:DeleteObjectVersionTagging',
};

/** The action a request is authorized as: the version's action when it names a version. */
export function versionedAction(action: string, version: RequestedVersion): string {
  if (version.kind === 'current') return action;
  return VERSION_ACTIONS[action] ?? action;
}

/** `s3:versionid` when the request names a version. */
export function versionKeys(version: RequestedVersion): Record<string, ContextValue> {
  switch (version.kind) {
    case 'current':
      return {};
    case 'null':
      return { 's3:versionid': 'null' };
    case 'missing':
      return { 's3:versionid': version.versionId };
    default: {
      const never: never = version;
      return never;
    }
  }
}

/** The version ID a response echoes (x-amz-version-id), when the request named one. */
export function echoedVersionId(version: RequestedVersion): string | undefined {
  switch (version.kind) {
    case 'current':
      return undefined;
    case 'null':
      return 'null';
    case 'missing':
      return version.versionId;
    default: {
      const never: never = version;
      return never;
    }
  }
}

/** S3's NoSuchVersion for a key and a version it does not have. */
export function noSuchVersion(key: string, versionId: string): AwsError {
  return awsError('NoSuchVersion', undefined, { fields: { Key: key, VersionId: versionId } });
}
