// k8s/agent: the node credential agent (`podiam agent`) — instance metadata (IMDSv1/v2) and container
// credentials per pod, kube2iam-compatible, with prefetch, background refresh and identity binding.
export { startAgent } from './agent.ts';
export type { AgentDeps, RunningAgent } from './agent.ts';
export { parseAgentConfig } from './config/agent-config.ts';
export type { AgentConfig, LogFormat, LogLevel } from './config/agent-config.ts';
export { AGENT_FLAGS, agentUsage, flagsFromEnv, parseAgentFlags } from './config/agent-flags.ts';
export type { FlagSpec, FlagValues } from './config/agent-flags.ts';
export { createAgentLogger } from './observe/agent-logger.ts';
export type { AgentLogger } from './observe/agent-logger.ts';
export type { RoleAssumer, AssumeRoleInput, AssumeRoleOutcome, IssuedCredentials, StsFailure } from './sts/role-assumer.ts';
export type { MetadataUpstream, UpstreamResponse } from './imds/metadata-upstream.ts';
export { DEFAULT_METADATA_ALLOW_LIST } from './imds/metadata-allow-list.ts';
