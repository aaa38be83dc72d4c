// Session tags where the STS allows them. A role whose trust policy does not allow sts:TagSession
// refuses a tagged AssumeRole with AccessDenied (IAM User Guide, "Passing session tags in AWS STS":
// "the role trust policy must allow sts:TagSession"), and an STS may refuse tags outright. The agent
// then asks again without tags, and if that works remembers for a while that this role takes no tags,
// so the audit trail keeps the session name and the agent does not pay two calls every time.
import type { AssumeRoleInput, AssumeRoleOutcome, RoleAssumer } from './role-assumer.ts';

/** Options for tag fallback. */
export interface TagFallbackOptions {
  readonly now: () => number;
  /** How long a role stays marked as refusing tags. */
  readonly rememberMs: number;
  readonly onFallback?: (input: AssumeRoleInput, firstCode: string) => void;
}

/** Wraps an assumer so that a refused tagged call is retried once without tags. */
export function withTagFallback(inner: RoleAssumer, options: TagFallbackOptions): RoleAssumer {
  const refusesTags = new Map<string, number>();
  return {
    async assumeRole(input) {
      const key = `${input.role.arn}\n${input.externalId ?? ''}`;
      const until = refusesTags.get(key);
      const skipTags = until !== undefined && until > options.now();
      if (until !== undefined && !skipTags) refusesTags.delete(key);
      if (input.tags.length === 0 || skipTags) return untagged(inner, input);
      const tagged = await inner.assumeRole(input);
      if (tagged.ok || (tagged.failure.kind !== 'denied' && tagged.failure.kind !== 'invalid')) return tagged;
      const retry = await untagged(inner, input);
      if (retry.ok) {
        refusesTags.set(key, options.now() + options.rememberMs);
        options.onFallback?.(input, tagged.failure.code);
      }
      return retry;
    },
  };
}

async function untagged(inner: RoleAssumer, input: AssumeRoleInput): Promise<AssumeRoleOutcome> {
  const outcome = await inner.assumeRole({ ...input, tags: [] });
  return outcome.ok ? { ok: true, credentials: { ...outcome.credentials, tagged: false } } : outcome;
}
