// `podiam policy <validate|simulate>`: the policy engine from the command line.
import type { Command } from '../commands.ts';
import { writeErr, writeOut } from '../io.ts';
import { policySubcommands } from './subcommands.ts';

export const policyCommand: Command = {
  name: 'policy',
  summary: 'validate and simulate IAM policies (as IAM Access Analyzer and the IAM policy simulator do)',
  async run(argv) {
    const [name, ...rest] = argv;
    const sub = policySubcommands.find((s) => s.name === name);
    if (sub === undefined) {
      const text = [
        'Usage: podiam policy <subcommand> [options]',
        '',
        ...policySubcommands.map((s) => `  ${s.name.padEnd(10)}  ${s.summary}`),
        '',
      ].join('\n');
      if (name === undefined || name === '--help' || name === '-h') {
        writeOut(text);
        return name === undefined ? 1 : 0;
      }
      writeErr(`podiam policy: unknown subcommand '${name}'\n\n${text}`);
      return 2;
    }
    return sub.run(rest);
  },
};
