import { describe, expect, it } from 'vitest';
import { dnatRules, installDnatRules, removeDnatRules, type DnatTarget, type IptablesRunner } from './metadata-dnat.ts';

// An iptables that keeps its nat table in memory and answers -C/-A/-D as iptables does (exit 1 for a
// missing rule).
function fakeIptables(): { run: IptablesRunner; rules: string[]; calls: string[][] } {
  const rules: string[] = [];
  const calls: string[][] = [];
  const run: IptablesRunner = async (args) => {
    calls.push([...args]);
    const a = args.filter((x) => x !== '-w');
    const verbAt = a.findIndex((x) => x === '-C' || x === '-A' || x === '-D');
    const verb = a[verbAt];
    const spec = [...a.slice(0, verbAt), ...a.slice(verbAt + 1)].join(' ');
    const at = rules.indexOf(spec);
    switch (verb) {
      case '-C':
        return { code: at >= 0 ? 0 : 1, stderr: at >= 0 ? '' : 'iptables: Bad rule (does a matching rule exist in that chain?).' };
      case '-A':
        rules.push(spec);
        return { code: 0, stderr: '' };
      case '-D':
        if (at < 0) return { code: 1, stderr: 'iptables: Bad rule' };
        rules.splice(at, 1);
        return { code: 0, stderr: '' };
      default:
        return { code: 2, stderr: 'bad verb' };
    }
  };
  return { run, rules, calls };
}

const target: DnatTarget = { metadataAddress: '169.254.169.254', hostInterface: 'eni+', hostIp: '10.0.1.23', appPort: 8181, containerCredentialsIp: undefined };

describe('kube2iam --iptables: DNAT 169.254.169.254:80 from pod interfaces to the agent (seed 003)', () => {
  it('is the seed\'s rule: nat PREROUTING, tcp to 169.254.169.254:80 in on the pod interface, DNAT to HOST_IP:8181', () => {
    const [rule] = dnatRules(target);
    expect(rule?.join(' ')).toBe(
      '-t nat PREROUTING -p tcp -d 169.254.169.254 --dport 80 -i eni+ -m comment --comment podiam agent: instance metadata to the node credential agent -j DNAT --to-destination 10.0.1.23:8181',
    );
  });

  it('installs idempotently: a second start adds nothing', async () => {
    const ipt = fakeIptables();
    expect(await installDnatRules(target, ipt.run)).toBe(1);
    expect(await installDnatRules(target, ipt.run)).toBe(0);
    expect(ipt.rules).toHaveLength(1);
    expect(ipt.calls.every((c) => c[0] === '-w')).toBe(true);
  });

  it('removes every copy on shutdown (and is a no-op when already gone)', async () => {
    const ipt = fakeIptables();
    await installDnatRules(target, ipt.run);
    ipt.rules.push(ipt.rules[0] ?? '');
    expect(await removeDnatRules(target, ipt.run)).toBe(2);
    expect(ipt.rules).toEqual([]);
    expect(await removeDnatRules(target, ipt.run)).toBe(0);
  });

  it('adds the container-credentials address (169.254.170.23) when configured', async () => {
    const ipt = fakeIptables();
    await installDnatRules({ ...target, containerCredentialsIp: '169.254.170.23' }, ipt.run);
    expect(ipt.rules.map((r) => r.split(' ')[6])).toEqual(['169.254.169.254', '169.254.170.23']);
  });

  it('fails loudly when iptables cannot add the rule', async () => {
    const failing: IptablesRunner = async (args) => ({ code: args.includes('-C') ? 1 : 4, stderr: 'Permission denied (you must be root)' });
    await expect(installDnatRules(target, failing)).rejects.toThrow(/Permission denied/);
  });
});
