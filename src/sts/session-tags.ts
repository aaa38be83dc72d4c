// Session tags of an AssumeRole request. IAM User Guide, "Pass session tags in AWS STS" (Things to know
// about session tags; Chaining roles with session tags) and STS API Reference, "AssumeRole" (Tags,
// TransitiveTagKeys): at most 50 tags; keys are case-insensitive (two keys differing only in case are
// refused); the `aws:` prefix is reserved; every transitive key must be one of the request's tags; a
// session made with temporary credentials inherits the calling session's transitive tags, and passing a
// tag with the key of an inherited one fails. Inherited tags stay transitive down the chain.
import { awsError, type AwsError } from '../aws/index.ts';
import type { ContextValue } from '../policy/index.ts';

/** The tags a new session carries, and the condition keys the request brings to the policies. */
export interface SessionTagSet {
  /** Inherited transitive tags and the request's tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** Inherited transitive keys and the request's. */
  readonly transitiveTagKeys: readonly string[];
  /** True when the request itself passes tags (sts:TagSession must be allowed). */
  readonly requested: boolean;
  /** `aws:RequestTag/<key>`, `aws:TagKeys`, `sts:TransitiveTagKeys` of the request. */
  readonly context: Readonly<Record<string, ContextValue>>;
}

/** The transitive tags of a calling session. */
export interface InheritedTags {
  readonly tags?: Readonly<Record<string, string>> | undefined;
  readonly ttk?: readonly string[] | undefined;
}

// podiam's wording for these refusals: AWS's texts are not public.
function invalidTags(message: string): AwsError {
  return awsError('ValidationError', message);
}

/** Reads and checks the request's tags against the calling session's transitive tags. */
export function requestedSessionTags(
  requestTags: readonly { readonly Key: string; readonly Value: string }[] | undefined,
  transitiveKeys: readonly string[] | undefined,
  inherited: InheritedTags | undefined,
): SessionTagSet {
  const inheritedTags: Record<string, string> = {};
  const inheritedKeys = new Map<string, string>();
  for (const key of inherited?.ttk ?? []) {
    const value = inherited?.tags?.[key];
    if (value === undefined) continue;
    inheritedTags[key] = value;
    inheritedKeys.set(key.toLowerCase(), key);
  }
  const own: Record<string, string> = {};
  const seen = new Set<string>();
  for (const { Key, Value } of requestTags ?? []) {
    const lower = Key.toLowerCase();
    if (lower.startsWith('aws:')) throw invalidTags(`Tag key ${Key} uses the prefix aws:, which is reserved for AWS use.`);
    if (seen.has(lower)) throw invalidTags('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    if (inheritedKeys.has(lower)) throw invalidTags(`Tag key ${Key} is already set by a transitive tag of the calling session and cannot be overridden.`);
    seen.add(lower);
    own[Key] = Value;
  }
  const ownKeys = Object.keys(own);
  const requestedTransitive: string[] = [];
  for (const key of transitiveKeys ?? []) {
    const match = ownKeys.find((k) => k.toLowerCase() === key.toLowerCase());
    if (match === undefined) throw invalidTags(`The transitive tag key ${key} is not one of the session tags of the request.`);
    if (!requestedTransitive.includes(match)) requestedTransitive.push(match);
  }
  const context: Record<string, ContextValue> = {};
  if (ownKeys.length > 0) {
    for (const [k, v] of Object.entries(own)) context[`aws:RequestTag/${k}`] = v;
    context['aws:TagKeys'] = ownKeys;
  }
  if (requestedTransitive.length > 0) context['sts:TransitiveTagKeys'] = requestedTransitive;
  return {
    tags: { ...inheritedTags, ...own },
    transitiveTagKeys: [...inheritedKeys.values(), ...requestedTransitive],
    requested: ownKeys.length > 0,
    context,
  };
}
