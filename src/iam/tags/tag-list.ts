// IAM tags on roles, users, managed policies, OIDC providers and instance profiles (IAM User Guide,
// "Tagging IAM resources", "Rules for tagging in IAM and AWS STS"): at most 50 per resource, returned in
// the order they were added; no key or value may begin with the reserved `aws:`; keys are unique per
// resource, without regard to case on roles and users (a tag whose key differs only in case replaces
// the old one) and with regard to it on the other types.
import { awsError } from '../../aws/index.ts';
import type { ContextValue } from '../../policy/index.ts';
import type { Tag } from '../../store/index.ts';

const MAX_TAGS = 50;

/** Tags as a request carries them. */
export type TagInput = readonly { readonly Key: string; readonly Value: string }[];

/** Whether a resource type's tag keys ignore case. */
export type TagKeyCase = 'insensitive' | 'sensitive';

/** "Tag key values for IAM users and roles are not case sensitive"; those of every other IAM resource type are. */
export const TAG_KEY_CASE = {
  Role: 'insensitive',
  User: 'insensitive',
  Policy: 'sensitive',
  OpenIDConnectProvider: 'sensitive',
  InstanceProfile: 'sensitive',
} as const satisfies Record<string, TagKeyCase>;

const RESERVED_PREFIX = 'aws:';

function keyOf(key: string, keyCase: TagKeyCase): string {
  return keyCase === 'insensitive' ? key.toLowerCase() : key;
}

/** Tags of a request, refusing the reserved prefix and duplicate keys. */
export function tagsOfInput(input: TagInput | undefined, keyCase: TagKeyCase): Tag[] {
  const tags = (input ?? []).map((t) => ({ key: t.Key, value: t.Value }));
  const reserved = tags.find((t) => t.key.toLowerCase().startsWith(RESERVED_PREFIX) || t.value.toLowerCase().startsWith(RESERVED_PREFIX));
  if (reserved !== undefined) {
    throw awsError('InvalidInput', `Tag keys and values cannot begin with the prefix aws:, which is reserved for AWS use (tag ${reserved.key}).`);
  }
  const keys = new Set(tags.map((t) => keyOf(t.key, keyCase)));
  if (keys.size !== tags.length) {
    throw awsError('InvalidInput', keyCase === 'insensitive' ? 'Duplicate tag keys found. Please note that Tag keys are case insensitive.' : 'Duplicate tag keys found.');
  }
  return tags;
}

/** `existing` with `added` set over it; `quota` names the limit (`TagsPerRole`). */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[], quota: string, keyCase: TagKeyCase): Tag[] {
  const replaced = new Set(added.map((a) => keyOf(a.key, keyCase)));
  const out = existing.filter((t) => !replaced.has(keyOf(t.key, keyCase)));
  out.push(...added);
  if (out.length > MAX_TAGS) throw awsError('LimitExceeded', `Cannot exceed quota for ${quota}: ${MAX_TAGS}`);
  return out;
}

/** `existing` without the named keys; keys it does not have are ignored, as IAM does. */
export function removeTags(existing: readonly Tag[], keys: readonly string[], keyCase: TagKeyCase): Tag[] {
  const drop = new Set(keys.map((k) => keyOf(k, keyCase)));
  return existing.filter((t) => !drop.has(keyOf(t.key, keyCase)));
}

/** Tags as IAM returns them. */
export function tagsOutput(tags: readonly Tag[]): { Key: string; Value: string }[] {
  return tags.map((t) => ({ Key: t.key, Value: t.value }));
}

/** `aws:RequestTag/<key>` and `aws:TagKeys` for a request that sets tags (IAM User Guide, "Controlling access to IAM resources"). */
export function requestTagContext(tags: readonly Tag[]): Record<string, ContextValue> {
  if (tags.length === 0) return {};
  const context: Record<string, ContextValue> = { 'aws:TagKeys': tags.map((t) => t.key) };
  for (const tag of tags) context[`aws:RequestTag/${tag.key}`] = tag.value;
  return context;
}
