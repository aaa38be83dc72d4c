import { afterEach, describe, expect, it, vi } from 'vitest';
import { readServeCommandLine } from './serve-command-line.ts';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

function quietly<T>(run: () => T): { result: T; out: string; err: string } {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  return { result: run(), out, err };
}

// The contract for `podiam serve` and `podiam up`: --listen and --data-dir (defaults
// 127.0.0.1:4577 and ./.podiam), flags over PODIAM_* variables, exit 2 with a message naming a bad
// flag or setting, --help on standard output.
describe('the command line of podiam serve and podiam up', () => {
  it('--help prints the usage and exits 0', () => {
    const { result, out } = quietly(() => readServeCommandLine('serve', ['--help'], 'Usage: podiam serve\n'));
    expect(result).toEqual({ exit: 0 });
    expect(out).toBe('Usage: podiam serve\n');
  });

  it('an unknown flag or a bad setting exits 2 naming it', () => {
    const unknown = quietly(() => readServeCommandLine('up', ['--bogus'], 'usage\n'));
    expect(unknown.result).toEqual({ exit: 2 });
    expect(unknown.err).toContain("podiam up: Unknown option '--bogus'");
    const bad = quietly(() => readServeCommandLine('serve', ['--account-id', '12'], 'usage\n'));
    expect(bad.result).toEqual({ exit: 2 });
    expect(bad.err).toBe('podiam serve: invalid configuration:\n  accountId: must be a 12-digit AWS account ID\n');
  });

  it("the command's own flags and defaults sit beside the serve flags; flags win", () => {
    for (const name of ['PODIAM_LISTEN', 'PODIAM_DATA_DIR', 'PODIAM_LOG_LEVEL']) vi.stubEnv(name, '');
    const { result } = quietly(() =>
      readServeCommandLine('up', ['--cluster', 'dev', '--listen', '127.0.0.2:5000'], 'usage\n', { cluster: { type: 'string' } }, { logLevel: 'warn' }),
    );
    expect(result).toMatchObject({ values: { cluster: 'dev' }, config: { listen: '127.0.0.2:5000', logLevel: 'warn', dataDir: './.podiam' } });
  });
});
