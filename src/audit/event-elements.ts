// `requestParameters`, `responseElements` and `additionalEventData` as CloudTrail writes them: member
// names in lower camel case (`roleName`, `assumeRolePolicyDocument`), times in ISO 8601, and never a
// secret. CloudTrail leaves secret access keys and session tokens out of every event (IAM User Guide,
// "Logging IAM and AWS STS API calls with AWS CloudTrail": the CreateAccessKey and AssumeRole examples
// carry only the access key ID), and shows passwords as HIDDEN_DUE_TO_SECURITY_REASONS. Operations are
// meant to record no secrets already; this is the defence that holds when one forgets.
import { cloudTrailTime } from './cloudtrail-event.ts';

/** The text CloudTrail writes in place of a sensitive value. */
export const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

// Members that are left out entirely (compared lower-cased without separators, after any `x-amz-` prefix).
const DROPPED = new Set(['secretaccesskey', 'sessiontoken', 'securitytoken', 'webidentitytoken', 'samlassertion', 'privatekey', 'secret']);
// Members that are kept, with the value hidden.
const HIDDEN_MEMBERS = new Set(['password', 'newpassword', 'oldpassword']);
const MAX_DEPTH = 32;

/** What to keep out: the caller's own secret and any other known secret texts. */
export interface SecretTexts {
  readonly values: ReadonlySet<string>;
}

/** Copies an operation's value into CloudTrail's form; undefined becomes null (CloudTrail writes `null`). */
export function eventElements(value: unknown, secrets: SecretTexts, camelCase = true): unknown {
  return copy(value, secrets, camelCase, 0) ?? null;
}

function copy(value: unknown, secrets: SecretTexts, camelCase: boolean, depth: number): unknown {
  if (value === null || value === undefined) return undefined;
  if (depth > MAX_DEPTH) return undefined;
  if (typeof value === 'string') return secrets.values.has(value) ? HIDDEN : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : cloudTrailTime(value);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return undefined;
  if (Array.isArray(value)) return value.map((v) => copy(v, secrets, camelCase, depth + 1) ?? null);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
      const lower = key.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/^xamz/, '');
      if (DROPPED.has(lower)) continue;
      const name = camelCase ? lowerCamel(key) : key;
      if (HIDDEN_MEMBERS.has(lower)) {
        out[name] = HIDDEN;
        continue;
      }
      const copied = copy(member, secrets, camelCase, depth + 1);
      if (copied !== undefined) out[name] = copied;
    }
    return out;
  }
  return undefined;
}

/** `RoleName` → `roleName`; names already in lower camel case are unchanged. */
export function lowerCamel(name: string): string {
  const first = name.charAt(0);
  return first >= 'A' && first <= 'Z' ? first.toLowerCase() + name.slice(1) : name;
}
