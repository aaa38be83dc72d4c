// Object and bucket tags (Amazon S3 User Guide, "Categorizing your objects using tags" and "Using
// cost allocation S3 bucket tags"): at most 10 tags per object and 50 per bucket, keys of 1 to 128
// and values of 0 to 256 Unicode characters, keys unique, no `aws:` keys. Objects take tags from
// the `x-amz-tagging` header (URL query form) or a Tagging document.
import { awsError, type AwsError } from '../aws/index.ts';
import type { Tag } from '../store/index.ts';

/** Whose tags: limits differ. */
export type TagOwner = 'object' | 'bucket';

const MAX_KEY = 128;
const MAX_VALUE = 256;
// Letters, digits, whitespace and + - = . _ : / @ (S3 accepts the Unicode letter and number classes).
const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const invalid = (message: string, fields: Record<string, string> = {}): AwsError => awsError('InvalidTag', message, { fields });

/** Checks a tag set; returns S3's InvalidTag refusal for the first broken rule. */
export function checkTags(tags: readonly Tag[], owner: TagOwner): AwsError | undefined {
  const max = owner === 'object' ? 10 : 50;
  if (tags.length > max) {
    return invalid(owner === 'object' ? 'Object tags cannot be greater than 10' : 'Bucket tag count cannot be greater than 50');
  }
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    const keyLength = Array.from(key).length;
    if (keyLength > MAX_KEY) return invalid('The TagKey you have provided is too long, max 128', { TagKey: key });
    if (Array.from(value).length > MAX_VALUE) return invalid('The TagValue you have provided is too long, max 256', { TagKey: key, TagValue: value });
    if (keyLength === 0 || !ALLOWED.test(key)) return invalid('The TagKey you have provided is invalid', { TagKey: key });
    if (!ALLOWED.test(value)) return invalid('The TagValue you have provided is invalid', { TagKey: key, TagValue: value });
    if (key.toLowerCase().startsWith('aws:')) return invalid('Your TagKey cannot be prefixed with aws:', { TagKey: key });
    if (seen.has(key)) return invalid('Cannot provide multiple Tags with the same key', { TagKey: key });
    seen.add(key);
  }
  return undefined;
}

/** The tags of an `x-amz-tagging` header (`k1=v1&k2=v2`, URL-encoded), checked. */
export function parseTaggingHeader(header: string): Tag[] | AwsError {
  const tags: Tag[] = [];
  for (const [key, value] of new URLSearchParams(header)) tags.push({ key, value });
  return checkTags(tags, 'object') ?? tags;
}

/** The tags as a record (for condition keys). */
export function tagRecord(tags: readonly Tag[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags) out[t.key] = t.value;
  return out;
}
