// GetContextKeysForPrincipalPolicy (IAM API Reference): the context keys referenced "in all the IAM
// policies that are attached to the specified IAM entity" — its inline and attached managed policies and,
// for a user, those of the groups it is in — plus any given in PolicyInputList, so a caller knows which
// ContextEntries SimulatePrincipalPolicy needs. "Only context keys referenced by the identity-based
// policies attached to the specified entity, and any additional policies that you provide, are included"
// (no SCPs; podiam reads the permissions boundary, which is not attached, as excluded too). The Service
// Authorization Reference lists the action on the user, group and role resource types: it is authorised
// on the principal's ARN.
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { parsePolicy, type PolicyDocument } from '../../policy/index.ts';
import type { StoreRepos } from '../../store/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { noSuchGroup } from '../entities/groups.ts';
import { noSuchRole } from '../entities/roles.ts';
import { noSuchUser } from '../entities/users.ts';
import { allPages } from '../pagination.ts';
import { ARN, POLICY_DOCUMENT } from '../shapes/common.ts';
import { principalPolicies } from '../simulation/principal-policies.ts';
import { contextKeyNames } from './context-key-names.ts';
import { CONTEXT_KEYS_OUTPUT } from './context-keys-shapes.ts';
import { parseInputPolicies } from './input-policies.ts';
import { invalidPolicySource } from '../simulation/policy-source-error.ts';

const input = {
  type: 'structure',
  members: { PolicySourceArn: ARN, PolicyInputList: { type: 'list', member: POLICY_DOCUMENT } },
  required: ['PolicySourceArn'],
} as const;

/** A user's, group's or role's ARN (IAM API Reference, "IAM identifiers": `user|group|role/PATH/NAME`). */
const SOURCE_ARN = /^arn:aws:iam::(\d{12}):(user|group|role)(?:\/|\/[\u0021-\u007E]*\/)([\w+=,.@-]+)$/;

/** The principal a PolicySourceArn names. */
interface Source {
  readonly accountId: string;
  readonly kind: 'user' | 'group' | 'role';
  readonly name: string;
}

/**
 * The stored policies of a principal (by unique ID), parsed. The simulator's `principalPolicies` already
 * refuses (MalformedPolicyDocument) a stored text that no longer parses, so none is skipped here.
 */
async function attachedPolicies(repos: StoreRepos, principalId: string, kind: 'user' | 'group' | 'role'): Promise<PolicyDocument[]> {
  const out: PolicyDocument[] = [];
  for (const policy of await principalPolicies(repos, principalId, kind)) {
    const parsed = parsePolicy(policy.text, { policyType: 'IDENTITY_POLICY' });
    if (parsed.ok) out.push(parsed.policy);
  }
  return out;
}

/** The policies of the named principal: a user's own, then its groups'. Only the caller's account has it. */
async function sourcePolicies(repos: StoreRepos, accountId: string, source: Source): Promise<PolicyDocument[]> {
  const here = source.accountId === accountId;
  switch (source.kind) {
    case 'user': {
      const user = here ? await repos.users.get(accountId, source.name) : undefined;
      if (user === undefined) throw noSuchUser(source.name);
      const policies = await attachedPolicies(repos, user.userId, 'user');
      for (const group of await allPages((page) => repos.groups.listGroupsForUser(user.userId, page))) {
        policies.push(...(await attachedPolicies(repos, group.groupId, 'group')));
      }
      return policies;
    }
    case 'role': {
      const role = here ? await repos.roles.get(accountId, source.name) : undefined;
      if (role === undefined) throw noSuchRole(source.name);
      return attachedPolicies(repos, role.roleId, 'role');
    }
    case 'group': {
      const group = here ? await repos.groups.get(accountId, source.name) : undefined;
      if (group === undefined) throw noSuchGroup(source.name);
      return attachedPolicies(repos, group.groupId, 'group');
    }
    default: {
      const never: never = source.kind;
      return never;
    }
  }
}

/** The principal a PolicySourceArn names; undefined when it names no user, group or role. */
function parseSource(arn: string): Source | undefined {
  const match = SOURCE_ARN.exec(arn);
  if (match === null) return undefined;
  const [, accountId = '', kind, name = ''] = match;
  return kind === 'user' || kind === 'group' || kind === 'role' ? { accountId, kind, name } : undefined;
}

export const getContextKeysForPrincipalPolicy = operation({
  name: 'GetContextKeysForPrincipalPolicy',
  input,
  output: CONTEXT_KEYS_OUTPUT,
  readOnly: true,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const source = parseSource(req.PolicySourceArn);
    if (source === undefined) throw invalidPolicySource(req.PolicySourceArn);
    ctx.authorize({ action: 'iam:GetContextKeysForPrincipalPolicy', resource: req.PolicySourceArn });
    const extra = parseInputPolicies(req.PolicyInputList ?? []);
    const attached = await sourcePolicies(ctx.store, accountId, source);
    return { ContextKeyNames: contextKeyNames([...attached, ...extra]) };
  },
  audit: { requestParameters: (req) => ({ policySourceArn: req.PolicySourceArn }) },
});
