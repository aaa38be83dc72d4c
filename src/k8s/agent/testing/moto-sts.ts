// Test support: moto's server as a stand-in STS (it accepts any credentials and does not evaluate
// trust policies), started on a free loopback port. `undefined` when moto cannot start, so tests can
// skip with a message.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A running moto server. */
export interface MotoSts {
  readonly endpoint: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `python3 -m moto.server` and waits until it answers; undefined if it cannot. */
export async function startMotoSts(timeoutMs = 20_000): Promise<MotoSts | undefined> {
  const port = await freePort();
  let child: ChildProcess;
  try {
    child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch {
    return undefined;
  }
  let failed = false;
  child.on('error', () => (failed = true));
  child.on('exit', () => (failed = true));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (!failed && Date.now() < deadline) {
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      await res.arrayBuffer();
      if (res.status < 500) {
        return {
          endpoint,
          close: () =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill('SIGKILL');
  return undefined;
}
