// `podiam agent` as a process: configuration from flags, ready on /healthz, clean exit on SIGTERM, and a
// configuration error named before anything starts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfigFor, startFakeApiServer, type FakeApiServer } from '../testing/index.ts';
import { freePort } from './testing/agent-world.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const NODE = join(ROOT, 'node_modules/.bin/node');
const BIN = join(ROOT, 'bin/podiam.ts');

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(NODE, [BIN, 'agent', ...args], { env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'x'.repeat(40), AWS_EC2_METADATA_DISABLED: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('podiam agent (the command)', () => {
  let api: FakeApiServer;
  let dir: string;
  beforeAll(async () => {
    api = await startFakeApiServer();
    dir = mkdtempSync(join(tmpdir(), 'podiam-agent-cli-'));
    writeFileSync(join(dir, 'kubeconfig'), kubeconfigFor(api.url));
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts from flags, answers /healthz once synced, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const p = run([`--kubeconfig=${join(dir, 'kubeconfig')}`, '--node', 'node-a', `--app-port=${port}`, '--bind-address=127.0.0.1', '--sts-endpoint=http://127.0.0.1:9', '--metadata-addr=127.0.0.1:9', '--log-format=json']);
    const deadline = Date.now() + 45_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status, p.err()).toBe(200);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    const lines = p.out().trim().split('\n').map((l) => JSON.parse(l) as { msg: string; appPort?: number });
    expect(lines.find((l) => l.msg === 'listening')?.appPort).toBe(port);
    expect(lines.map((l) => l.msg)).toContain('caches synced; ready');
    expect(lines.at(-1)?.msg).toBe('stopped');
  }, 60_000);

  it('names a bad setting and exits 2 without starting', async () => {
    const p = run(['--iptables', '--namespace-restriction-format=glob']);
    expect(await p.exited).toBe(2);
    expect(p.err()).toContain('--iptables needs --host-ip');
  });
});
