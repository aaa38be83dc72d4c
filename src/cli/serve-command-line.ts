// The command line of the commands that run a server (`serve`, `up`): the serve flags plus the
// command's own, `--help`, and the configuration from flags over PODIAM_* variables over defaults —
// or the exit code when there is nothing to run (help: 0; a bad flag or setting: 2, with a message).
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { writeErr, writeOut } from './io.ts';
import { configFromEnv, configFromFlags, parseServeConfig, serveFlagOptions, type ServeConfig } from '../server/index.ts';

/** Flag values by name, as parseArgs gives them. */
export type FlagValues = Record<string, string | boolean | undefined>;

/** Reads `argv` for `podiam <command>`; `defaults` are settings below the environment's. */
export function readServeCommandLine(
  command: string,
  argv: readonly string[],
  usage: string,
  options: ParseArgsOptionsConfig = {},
  defaults: Record<string, unknown> = {},
): { readonly exit: number } | { readonly values: FlagValues; readonly config: ServeConfig } {
  let values: FlagValues;
  try {
    values = parseArgs({ args: [...argv], options: { ...serveFlagOptions(), ...options, help: { type: 'boolean', short: 'h' } }, strict: true }).values as FlagValues;
  } catch (err) {
    writeErr(`podiam ${command}: ${(err as Error).message}\n\n${usage}`);
    return { exit: 2 };
  }
  if (values['help'] === true) {
    writeOut(usage);
    return { exit: 0 };
  }
  const parsed = parseServeConfig({ ...defaults, ...configFromEnv(process.env), ...configFromFlags(values) });
  if (!parsed.ok) {
    writeErr(`podiam ${command}: invalid configuration:\n${parsed.messages.map((m) => `  ${m}`).join('\n')}\n`);
    return { exit: 2 };
  }
  return { values, config: parsed.config };
}
