// AWS-CLI-style arguments: `--flag v1 v2 ...` (list parameters take every value up to the next flag),
// `file://path` values read from files, and `--cli-input-json` skeletons.
import { readFileSync } from 'node:fs';

/** Flags and their values, in the order given; a flag without values maps to an empty list. */
export type AwsArgs = Map<string, string[]>;

/** Splits argv into flags and values. Returns the offending token for a value with no flag before it. */
export function parseAwsArgs(argv: readonly string[]): { ok: true; args: AwsArgs } | { ok: false; message: string } {
  const args: AwsArgs = new Map();
  let current: string[] | undefined;
  for (const token of argv) {
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
      current = args.get(name) ?? [];
      args.set(name, current);
      if (eq >= 0) current.push(token.slice(eq + 1));
    } else if (current === undefined) {
      return { ok: false, message: `unexpected argument '${token}'` };
    } else {
      current.push(token);
    }
  }
  return { ok: true, args };
}

/** Resolves `file://path` to the file's text, as the AWS CLI does for string parameters. */
export function resolveValue(value: string): string {
  if (value.startsWith('file://')) return readFileSync(value.slice('file://'.length), 'utf8');
  return value;
}
