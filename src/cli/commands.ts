// The table of podiam's commands; each command lives in its own module.
import { policyCommand } from './policy/index.ts';
import { serveCommand } from './serve.ts';
import { clusterCommand } from './cluster.ts';
import { tokenCommand } from './token.ts';
import { upCommand } from './up.ts';
import { auditCommand } from './audit.ts';
import { agentCommand } from './agent.ts';
import { webhookCommand } from './webhook.ts';

/** A top-level podiam command. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  run(argv: readonly string[]): Promise<number>;
}

export const commands: readonly Command[] = [serveCommand, policyCommand, clusterCommand, tokenCommand, auditCommand, agentCommand, upCommand, webhookCommand];
