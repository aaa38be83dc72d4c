// Runs the real AWS CLI (v1, python) against podiam and parses its JSON output.
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';

/** The result of one `aws` invocation. */
export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: unknown;
}

/** The JSON a command printed, after expecting it to have succeeded (its stderr is the failure message). */
export function succeeded<T>(r: CliResult): T {
  expect(r.status, r.stderr).toBe(0);
  return r.json as T;
}

/** Runs `aws ARGS --output json` with the given environment (see PodiamProcess.env). */
export function aws(args: readonly string[], env: NodeJS.ProcessEnv, input?: string): CliResult {
  const result = spawnSync('aws', [...args, '--output', 'json'], { env, encoding: 'utf8', input, timeout: 60_000 });
  let json: unknown;
  try {
    json = result.stdout.trim() === '' ? undefined : JSON.parse(result.stdout);
  } catch {
    json = undefined;
  }
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, json };
}

/** Runs a python3 script (boto3) with the environment; returns its stdout parsed as JSON when it is. */
export function python(script: string, env: NodeJS.ProcessEnv): CliResult {
  const result = spawnSync('python3', ['-c', script], { env, encoding: 'utf8', timeout: 60_000 });
  let json: unknown;
  try {
    json = result.stdout.trim() === '' ? undefined : JSON.parse(result.stdout);
  } catch {
    json = undefined;
  }
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, json };
}
