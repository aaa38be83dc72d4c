// The subcommands of `podiam policy`, each in its own module.
import type { Command } from '../commands.ts';
import { simulateCommand } from './simulate.ts';
import { validateCommand } from './validate.ts';

export const policySubcommands: Command[] = [simulateCommand, validateCommand];
