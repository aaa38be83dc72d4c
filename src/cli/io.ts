// Output for CLI commands: one place that writes to stdout and stderr.

/** Writes text to standard output. */
export function writeOut(text: string): void {
  process.stdout.write(text);
}

/** Writes text to standard error. */
export function writeErr(text: string): void {
  process.stderr.write(text);
}
