// Session tags an OIDC token carries. IAM User Guide, "Passing session tags in AWS STS", section
// "Passing session tags using AssumeRoleWithWebIdentity": tags go in the `https://aws.amazon.com/tags`
// claim as `principal_tags` (each key with a single value, written as a one-element list) and
// `transitive_tag_keys`. The same rules as every session tag apply: at most 50 tags, keys of 1-128 and
// values of 0-256 characters drawn from letters, digits, spaces and _ . : / = + - @, no `aws:` prefix,
// no two keys differing only in case, a single value per key.
import { invalidSessionTags, type WebIdentityFailure } from './errors.ts';

/** The claim name AWS reads session tags from. */
export const TAGS_CLAIM = 'https://aws.amazon.com/tags';

/** Session tags read from a token, ready for the session and for `aws:RequestTag` in the trust policy. */
export interface SessionTags {
  readonly principalTags: Readonly<Record<string, string>>;
  readonly transitiveTagKeys: readonly string[];
}

const MAX_SESSION_TAGS = 50;
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tagValue(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw) && raw.length === 1 && typeof raw[0] === 'string') return raw[0];
  return undefined;
}

function characterCount(text: string): number {
  return [...text].length;
}

/** Reads and checks the tags claim; no claim means no session tags. */
export function readSessionTags(
  claims: Readonly<Record<string, unknown>>,
): { readonly ok: true; readonly value: SessionTags | undefined } | WebIdentityFailure {
  const claim = claims[TAGS_CLAIM];
  if (claim === undefined) return { ok: true, value: undefined };
  if (!isRecord(claim)) return invalidSessionTags(`${TAGS_CLAIM} is not an object`);
  const rawTags = claim.principal_tags ?? {};
  if (!isRecord(rawTags)) return invalidSessionTags('principal_tags is not an object');
  const entries = Object.entries(rawTags);
  if (entries.length > MAX_SESSION_TAGS) return invalidSessionTags(`${entries.length} session tags; at most ${MAX_SESSION_TAGS}`);
  const principalTags: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [key, raw] of entries) {
    const value = tagValue(raw);
    if (value === undefined) return invalidSessionTags(`tag ${key} does not have exactly one string value`);
    const keyLength = characterCount(key);
    if (keyLength < 1 || keyLength > 128) return invalidSessionTags(`tag key ${key} is not 1-128 characters`);
    if (characterCount(value) > 256) return invalidSessionTags(`tag ${key} has a value longer than 256 characters`);
    if (!TAG_CHARACTERS.test(key) || !TAG_CHARACTERS.test(value)) return invalidSessionTags(`tag ${key} has characters tags may not use`);
    if (key.toLowerCase().startsWith('aws:')) return invalidSessionTags(`tag key ${key} uses the reserved aws: prefix`);
    if (seen.has(key.toLowerCase())) return invalidSessionTags(`tag keys differ only in case: ${key}`);
    seen.add(key.toLowerCase());
    principalTags[key] = value;
  }
  const rawTransitive = claim.transitive_tag_keys ?? [];
  if (!Array.isArray(rawTransitive) || !rawTransitive.every((key) => typeof key === 'string')) {
    return invalidSessionTags('transitive_tag_keys is not a list of strings');
  }
  const transitiveTagKeys = rawTransitive as string[];
  const missing = transitiveTagKeys.find((key) => !seen.has(key.toLowerCase()));
  if (missing !== undefined) return invalidSessionTags(`transitive tag key ${missing} is not a session tag`);
  return { ok: true, value: { principalTags, transitiveTagKeys } };
}
