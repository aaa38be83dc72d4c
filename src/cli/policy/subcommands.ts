// The subcommands of `podiam policy`, each in its own module.
import type { Command } from '../commands.ts';

export const policySubcommands: Command[] = [];
