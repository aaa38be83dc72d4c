// The table of podiam's commands. Each command lives in its own module, loaded only when it runs, so
// `podiam token` does not pay for the server's and the agent's imports.

/** A top-level podiam command. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  run(argv: readonly string[]): Promise<number>;
}

/** A command in the table: its name and summary, and how to load it. */
interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

const entries: readonly CommandEntry[] = [
  { name: 'up', summary: 'run everything on one machine: serve, a cluster issuer, the webhook, a Kubernetes API, and a walkthrough', load: async () => (await import('./up.ts')).upCommand },
  { name: 'serve', summary: 'run the control plane: IAM, STS and Organizations on AWS wire protocols', load: async () => (await import('./serve.ts')).serveCommand },
  { name: 'policy', summary: 'validate and simulate IAM policies (as IAM Access Analyzer and the IAM policy simulator do)', load: async () => (await import('./policy/index.ts')).policyCommand },
  { name: 'cluster', summary: 'register clusters: OIDC issuers for service-account tokens, IAM OIDC providers, key rotation', load: async () => (await import('./cluster.ts')).clusterCommand },
  { name: 'token', summary: "mint a service-account token from a podiam cluster's issuer (as a kubelet's projected token)", load: async () => (await import('./token.ts')).tokenCommand },
  { name: 'webhook', summary: 'mutating admission webhook that wires pods to IAM roles (as amazon-eks-pod-identity-webhook does)', load: async () => (await import('./webhook.ts')).webhookCommand },
  { name: 'agent', summary: 'run the node credential agent (instance metadata and container credentials per pod; kube2iam-compatible)', load: async () => (await import('./agent.ts')).agentCommand },
  { name: 'demo', summary: "run the seeds' scenarios against a running podiam and show what is allowed and refused, and why", load: async () => (await import('./demo.ts')).demoCommand },
  { name: 'audit', summary: 'look up the CloudTrail-format events of the calls podiam served', load: async () => (await import('./audit.ts')).auditCommand },
];

export const commands: readonly Command[] = entries.map((entry) => ({
  name: entry.name,
  summary: entry.summary,
  run: async (argv) => (await entry.load()).run(argv),
}));
