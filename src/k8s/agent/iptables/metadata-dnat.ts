// The seed's DNAT rule, installed by the agent with --iptables: traffic from pods (the pod-facing
// interface, `eni+` on EKS) to 169.254.169.254:80 goes to the agent on the node's IP. Installed
// idempotently (`-C` before `-A`), removed on shutdown (`-D`, also the DaemonSet's preStop hook). With
// a container-credentials address (169.254.170.23, as the EKS Pod Identity Agent uses) a second rule
// sends it to the agent too. The rules carry a comment so an operator can tell whose they are.
import { execFile } from 'node:child_process';

/** What the rules redirect. */
export interface DnatTarget {
  readonly metadataAddress: string;
  readonly hostInterface: string;
  readonly hostIp: string;
  readonly appPort: number;
  readonly containerCredentialsIp: string | undefined;
}

/** Runs `iptables` with arguments; resolves with its exit code. */
export type IptablesRunner = (args: readonly string[]) => Promise<{ code: number; stderr: string }>;

const COMMENT = 'podiam agent: instance metadata to the node credential agent';

/** The rule specifications (without the -C/-A/-D verb). */
export function dnatRules(target: DnatTarget): string[][] {
  const rule = (destination: string) => [
    '-t', 'nat', 'PREROUTING',
    '-p', 'tcp', '-d', destination, '--dport', '80',
    '-i', target.hostInterface,
    '-m', 'comment', '--comment', COMMENT,
    '-j', 'DNAT', '--to-destination', `${target.hostIp}:${target.appPort}`,
  ];
  const rules = [rule(target.metadataAddress)];
  if (target.containerCredentialsIp !== undefined) rules.push(rule(target.containerCredentialsIp));
  return rules;
}

function withVerb(spec: readonly string[], verb: string): string[] {
  // `-t nat` first, then the verb and chain.
  return [spec[0] ?? '-t', spec[1] ?? 'nat', verb, ...spec.slice(2)];
}

/** Adds missing rules; returns how many it added. Throws when iptables fails. */
export async function installDnatRules(target: DnatTarget, run: IptablesRunner = runIptables): Promise<number> {
  let added = 0;
  for (const spec of dnatRules(target)) {
    const check = await run(['-w', ...withVerb(spec, '-C')]);
    if (check.code === 0) continue;
    const add = await run(['-w', ...withVerb(spec, '-A')]);
    if (add.code !== 0) throw new Error(`iptables -A failed (${add.code}): ${add.stderr.trim()}`);
    added++;
  }
  return added;
}

/** Removes the rules (every copy); returns how many it removed. */
export async function removeDnatRules(target: DnatTarget, run: IptablesRunner = runIptables): Promise<number> {
  let removed = 0;
  for (const spec of dnatRules(target)) {
    for (let i = 0; i < 16; i++) {
      const check = await run(['-w', ...withVerb(spec, '-C')]);
      if (check.code !== 0) break;
      const del = await run(['-w', ...withVerb(spec, '-D')]);
      if (del.code !== 0) throw new Error(`iptables -D failed (${del.code}): ${del.stderr.trim()}`);
      removed++;
    }
  }
  return removed;
}

/** Runs the system's iptables. */
export const runIptables: IptablesRunner = (args) =>
  new Promise((resolve) => {
    execFile('iptables', [...args], { timeout: 10_000 }, (err, _stdout, stderr) => {
      const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 127;
      resolve({ code, stderr: String(stderr) });
    });
  });
