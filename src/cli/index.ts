// The podiam command line: dispatches `podiam <command> [...]` to the command's module.
import { commands, type Command } from './commands.ts';
import { writeOut, writeErr } from './io.ts';

/** Runs the podiam CLI with the given arguments and resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    writeOut(usage());
    return name === undefined ? 1 : 0;
  }
  if (name === '--version') {
    writeOut(`${await version()}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    writeErr(`podiam: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  return command.run(rest);
}

function usage(): string {
  const width = Math.max(...commands.map((c: Command) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'podiam: least-privilege AWS identities for Kubernetes workloads',
    '',
    'Usage: podiam <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'podiam <command> --help' for a command's options.",
    '',
  ].join('\n');
}

async function version(): Promise<string> {
  const pkg = await import('../../package.json', { with: { type: 'json' } });
  return String(pkg.default.version);
}
