// `podiam agent`: the node credential agent, run until SIGTERM/SIGINT (then the DNAT rule is removed
// and in-flight answers drain).
import type { Command } from './commands.ts';
import { writeErr, writeOut } from './io.ts';

export const agentCommand: Command = {
  name: 'agent',
  summary: 'run the node credential agent (instance metadata and container credentials per pod; kube2iam-compatible)',
  async run(argv) {
    // Loaded on use, so other commands do not pay for the Kubernetes and STS clients.
    const { agentUsage, flagsFromEnv, parseAgentConfig, parseAgentFlags, startAgent } = await import('../k8s/agent/index.ts');
    const flags = parseAgentFlags(argv);
    if (!flags.ok) {
      writeErr(`podiam agent: ${flags.message}\n\n${agentUsage()}`);
      return 2;
    }
    if (flags.values.get('help') === true) {
      writeOut(agentUsage());
      return 0;
    }
    if (flags.values.get('version') === true) {
      const pkg = await import('../../package.json', { with: { type: 'json' } });
      writeOut(`${String(pkg.default.version)}\n`);
      return 0;
    }
    const parsed = parseAgentConfig(flags.values, flagsFromEnv(process.env));
    if (!parsed.ok) {
      writeErr(`podiam agent: invalid configuration:\n${parsed.messages.map((m) => `  ${m}`).join('\n')}\n`);
      return 2;
    }
    // Signals are taken from the start, so a SIGTERM during start-up still stops the agent cleanly.
    let stopRequested = false;
    let wake = (): void => undefined;
    const onSignal = (): void => {
      stopRequested = true;
      wake();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    try {
      let agent;
      try {
        agent = await startAgent(parsed.config);
      } catch (err) {
        writeErr(`podiam agent: ${err instanceof Error ? err.message : String(err)}\n`);
        return 1;
      }
      if (!stopRequested) await new Promise<void>((resolve) => (wake = resolve));
      await agent.close();
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    }
    return 0;
  },
};
