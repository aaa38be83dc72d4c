// IAM tags on roles, users, managed policies, OIDC providers and instance profiles (IAM User Guide,
// "Tagging IAM resources"): at most 50 per resource, keys unique without regard to case (a tag whose
// key differs only in case replaces the old one), returned in the order they were added.
import { awsError } from '../../aws/index.ts';
import type { ContextValue } from '../../policy/index.ts';
import type { Tag } from '../../store/index.ts';

const MAX_TAGS = 50;

/** Tags as a request carries them. */
export type TagInput = readonly { readonly Key: string; readonly Value: string }[];

/** Tags of a request, refusing duplicate keys. */
export function tagsOfInput(input: TagInput | undefined): Tag[] {
  const tags = (input ?? []).map((t) => ({ key: t.Key, value: t.Value }));
  const keys = new Set(tags.map((t) => t.key.toLowerCase()));
  if (keys.size !== tags.length) throw awsError('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  return tags;
}

/** `existing` with `added` set over it; `quota` names the limit (`TagsPerRole`). */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[], quota: string): Tag[] {
  const out = existing.filter((t) => !added.some((a) => a.key.toLowerCase() === t.key.toLowerCase()));
  out.push(...added);
  if (out.length > MAX_TAGS) throw awsError('LimitExceeded', `Cannot exceed quota for ${quota}: ${MAX_TAGS}`);
  return out;
}

/** `existing` without the named keys (any case); keys it does not have are ignored, as IAM does. */
export function removeTags(existing: readonly Tag[], keys: readonly string[]): Tag[] {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return existing.filter((t) => !drop.has(t.key.toLowerCase()));
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
