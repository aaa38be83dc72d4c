// kube2iam's namespace restrictions: with `--namespace-restrictions`, a pod may only use a role its
// namespace's `iam.amazonaws.com/allowed-roles` annotation (a JSON array) allows. Each entry is a role
// name or ARN, normalised against the base ARN, and read as a glob (`*` = any characters, as
// kube2iam's go-glob) or, with `--namespace-restriction-format=regexp`, a regular expression.
// Where podiam differs: regular expressions must match the whole ARN (kube2iam's unanchored
// `regexp.MatchString` lets `reader` allow `reader-admin`), and an annotation that is not a JSON array
// of strings, or an entry that is not a valid expression, allows nothing (fail closed).
import type { RoleArn } from '../../../aws/arn/index.ts';
import type { BaseRoleArn } from './role-reference.ts';

/** How allowed-roles entries are read. */
export type RestrictionFormat = 'glob' | 'regexp';

/** The compiled allowed-roles of one namespace. */
export interface AllowedRoles {
  /** Entries that could not be used (logged by the caller). */
  readonly rejected: readonly string[];
  allows(role: RoleArn): boolean;
}

const NOTHING: AllowedRoles = { rejected: [], allows: () => false };

/** Compiles a namespace's annotation value; undefined annotation allows nothing. */
export function compileAllowedRoles(annotation: string | undefined, format: RestrictionFormat, base: BaseRoleArn | undefined): AllowedRoles {
  if (annotation === undefined) return NOTHING;
  let entries: unknown;
  try {
    entries = JSON.parse(annotation);
  } catch {
    return { rejected: [annotation], allows: () => false };
  }
  if (!Array.isArray(entries)) return { rejected: [annotation], allows: () => false };
  const matchers: RegExp[] = [];
  const rejected: string[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string' || entry.trim() === '') {
      rejected.push(JSON.stringify(entry));
      continue;
    }
    const normalised = normalise(entry.trim(), base);
    const matcher = toMatcher(normalised, format);
    if (matcher === undefined) rejected.push(entry);
    else matchers.push(matcher);
  }
  return { rejected, allows: (role) => matchers.some((m) => m.test(role.arn)) };
}

// kube2iam normalises each entry as it does annotations: an ARN stays, a name gets the base ARN.
function normalise(entry: string, base: BaseRoleArn | undefined): string {
  if (entry.startsWith('arn:') || base === undefined) return entry;
  return `${base}${entry.startsWith('/') ? entry.slice(1) : entry}`;
}

function toMatcher(pattern: string, format: RestrictionFormat): RegExp | undefined {
  switch (format) {
    case 'glob':
      return new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, 's');
    case 'regexp':
      try {
        return new RegExp(`^(?:${pattern})$`, 's');
      } catch {
        return undefined;
      }
    default: {
      const never: never = format;
      return never;
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
