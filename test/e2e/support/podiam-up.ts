// Starts a real `podiam up` process for end-to-end tests: a temp data directory, free loopback ports
// for the control plane, the webhook and the embedded Kubernetes API, and kubectl pointed at
// DIR/kubeconfig with its own cache directory.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliResult } from './aws-cli.ts';
import { NODE, PODIAM_BIN, freePort } from './podiam-process.ts';
import { runAsync } from './sts-world.ts';

/** How to start it. */
export interface PodiamUpOptions {
  readonly args?: readonly string[];
  /** Leave out --data-dir: the state goes to ./.podiam of the process's own (temporary) directory. */
  readonly defaultDataDir?: boolean;
  /** Leave out --webhook-port and --kube-api-port (with --kubeconfig there is no embedded API). */
  readonly ownPorts?: boolean;
}

/** A running `podiam up`. */
export interface PodiamUp {
  readonly child: ChildProcessWithoutNullStreams;
  /** The process's working directory (removed by dispose). */
  readonly cwd: string;
  readonly dataDir: string;
  /** The control plane, `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly webhookPort: number;
  readonly kubeApiPort: number;
  /** DIR/kubeconfig. */
  readonly kubeconfig: string;
  /** What it printed so far. */
  stdout(): string;
  /** `kubectl --kubeconfig DIR/kubeconfig ARGS`. */
  kubectl(args: readonly string[], input?: string): Promise<CliResult>;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Kills it if still running and removes the data directory. */
  dispose(): void;
}

/** Starts `podiam up`; resolves once it printed its walkthrough. */
export async function startPodiamUp(options: PodiamUpOptions = {}): Promise<PodiamUp> {
  const cwd = mkdtempSync(join(tmpdir(), 'podiam-up-'));
  const dataDir = options.defaultDataDir === true ? join(cwd, '.podiam') : cwd;
  const [port, webhookPort, kubeApiPort] = [await freePort(), await freePort(), await freePort()];
  const flags = [
    '--listen',
    `127.0.0.1:${port}`,
    ...(options.defaultDataDir === true ? [] : ['--data-dir', dataDir]),
    ...(options.ownPorts === true ? [] : ['--webhook-port', String(webhookPort), '--kube-api-port', String(kubeApiPort)]),
  ];
  const child = spawn(NODE, [PODIAM_BIN, 'up', ...flags, ...(options.args ?? [])], {
    cwd,
    env: { ...process.env, PODIAM_LOG_LEVEL: 'warn' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!stdout.includes('Stop with Ctrl-C')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
      throw new Error(`podiam up did not get ready:\n${stdout}\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const kubeconfig = join(dataDir, 'kubeconfig');
  const kubectlHome = join(dataDir, 'home');
  return {
    child,
    cwd,
    dataDir,
    url: `http://127.0.0.1:${port}`,
    webhookPort,
    kubeApiPort,
    kubeconfig,
    stdout: () => stdout,
    kubectl: (kubectlArgs, input) => runAsync('kubectl', ['--kubeconfig', kubeconfig, ...kubectlArgs], { PATH: process.env['PATH'], HOME: kubectlHome }, input),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    dispose() {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
