// The policies that apply to a user, group or role, as SimulatePrincipalPolicy evaluates them (IAM API
// Reference, "SimulatePrincipalPolicy": "the policies attached to the user, group or role, including
// the policies of the groups the user is in"), each named as the simulator reports it: inline policies
// by name with SourcePolicyType user | group | role, managed policies by ARN with aws-managed or
// user-managed.
import { awsError } from '../../aws/index.ts';
import { compilePolicy, parsePolicy, type PolicyKind, type PolicyType, type SimulationPolicy } from '../../policy/index.ts';
import type { StoreRepos } from '../../store/index.ts';
import { allPages } from '../pagination.ts';

/** A policy text made ready for the simulator; a stored text that no longer parses is refused. */
export function simulationPolicy(text: string, id: string, type: string, policyType: PolicyType, kind: PolicyKind): SimulationPolicy {
  const parsed = parsePolicy(text, { policyType });
  if (!parsed.ok) throw awsError('MalformedPolicyDocument', `${id}: ${parsed.errors[0]?.message ?? 'Syntax errors in policy.'}`);
  return { id, type, text, compiled: compilePolicy(parsed.policy, { id, kind }) };
}

/** The inline and attached managed policies of one principal (by unique ID). */
export async function principalPolicies(repos: StoreRepos, principalId: string, inlineType: 'user' | 'group' | 'role'): Promise<SimulationPolicy[]> {
  const out: SimulationPolicy[] = [];
  for (const p of await allPages((page) => repos.inlinePolicies.list(principalId, page))) {
    out.push(simulationPolicy(p.document, p.policyName, inlineType, 'IDENTITY_POLICY', 'IdentityPolicy'));
  }
  for (const a of await allPages((page) => repos.policyAttachments.listForPrincipal(principalId, page))) {
    const managed = await managedSimulationPolicy(repos, a.policyArn, 'IDENTITY_POLICY', 'IdentityPolicy');
    if (managed !== undefined) out.push(managed);
  }
  return out;
}

/** A managed policy's default version, for the simulator. */
export async function managedSimulationPolicy(repos: StoreRepos, arn: string, policyType: PolicyType, kind: PolicyKind): Promise<SimulationPolicy | undefined> {
  const policy = await repos.managedPolicies.get(arn);
  if (policy === undefined) return undefined;
  const version = await repos.managedPolicies.getVersion(arn, policy.defaultVersionId);
  if (version === undefined) return undefined;
  return simulationPolicy(version.document, arn, policy.accountId === undefined ? 'aws-managed' : 'user-managed', policyType, kind);
}
