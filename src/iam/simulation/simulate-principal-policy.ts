// SimulatePrincipalPolicy (IAM API Reference): evaluates a user's, group's or role's own policies —
// inline, attached managed, a user's groups' policies and its permissions boundary — plus any given in
// PolicyInputList, against actions and resources, with the policy engine that decides real requests.
import { awsError } from '../../aws/index.ts';
import { operation } from '../../api/index.ts';
import { callerPrincipal, contextFromEntries, simulate, type RequestPrincipal, type SimulationPolicy } from '../../policy/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { noSuchGroup } from '../entities/groups.ts';
import { noSuchRole, roleArnOf } from '../entities/roles.ts';
import { noSuchUser, userArnOf } from '../entities/users.ts';
import { allPages, pageMembers, pageOf, pageRequest } from '../pagination.ts';
import { ARN } from '../shapes/common.ts';
import { managedSimulationPolicy, principalPolicies, simulationPolicy } from './principal-policies.ts';
import { SIMULATION_INPUT, SIMULATION_OUTPUT } from './simulation-shapes.ts';
import { invalidPolicySource } from './policy-source-error.ts';

const input = { type: 'structure', members: { PolicySourceArn: ARN, ...SIMULATION_INPUT }, required: ['PolicySourceArn', 'ActionNames'] } as const;

const SOURCE_ARN = /^arn:aws:iam::(\d{12}):(user|group|role)(\/|\/[\u0021-\u007E]*\/)([\w+=,.@-]+)$/;

/** What the simulation is about: its policies and the principal that would make the requests. */
interface Source {
  readonly identity: SimulationPolicy[];
  readonly boundaryArn: string | undefined;
  readonly principal: RequestPrincipal | undefined;
}

function isTrustPolicy(text: string): boolean {
  const parsed = parsePolicyStatements(text);
  return parsed.length > 0 && parsed.every((s) => typeof s === 'object' && s !== null && !('Resource' in s) && !('NotResource' in s));
}

function parsePolicyStatements(text: string): unknown[] {
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  } catch {
    return [];
  }
}

export const simulatePrincipalPolicy = operation({
  name: 'SimulatePrincipalPolicy',
  input,
  output: SIMULATION_OUTPUT,
  readOnly: true,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    const match = SOURCE_ARN.exec(req.PolicySourceArn);
    if (match === null) throw invalidPolicySource(req.PolicySourceArn);
    ctx.authorize({ action: 'iam:SimulatePrincipalPolicy', resource: req.PolicySourceArn });
    const [, sourceAccount = '', kind, , name = ''] = match;
    const repos = ctx.store;
    let source: Source;
    if (kind === 'user') {
      const user = sourceAccount === accountId ? await repos.users.get(accountId, name) : undefined;
      if (user === undefined) throw noSuchUser(name);
      const identity = await principalPolicies(repos, user.userId, 'user');
      for (const group of await allPages((page) => repos.groups.listGroupsForUser(user.userId, page))) {
        identity.push(...(await principalPolicies(repos, group.groupId, 'group')));
      }
      source = { identity, boundaryArn: user.permissionsBoundaryArn, principal: { type: 'User', arn: userArnOf(user), accountId } };
    } else if (kind === 'role') {
      const role = sourceAccount === accountId ? await repos.roles.get(accountId, name) : undefined;
      if (role === undefined) throw noSuchRole(name);
      const arn = roleArnOf(role);
      source = {
        identity: await principalPolicies(repos, role.roleId, 'role'),
        boundaryArn: role.permissionsBoundaryArn,
        principal: { type: 'AssumedRole', arn, accountId, roleArn: arn },
      };
    } else {
      const group = sourceAccount === accountId ? await repos.groups.get(accountId, name) : undefined;
      if (group === undefined) throw noSuchGroup(name);
      source = { identity: await principalPolicies(repos, group.groupId, 'group'), boundaryArn: undefined, principal: undefined };
    }

    const extra = (req.PolicyInputList ?? []).map((text, i) =>
      simulationPolicy(text, `PolicyInputList.${i + 1}`, 'IAM Policy', 'IDENTITY_POLICY', 'IdentityPolicy'),
    );
    const boundaryInput = req.PermissionsBoundaryPolicyInputList?.[0];
    const boundary =
      boundaryInput !== undefined
        ? simulationPolicy(boundaryInput, 'PermissionsBoundaryPolicyInputList.1', 'IAM Policy', 'PERMISSIONS_BOUNDARY', 'PermissionsBoundary')
        : source.boundaryArn !== undefined
          ? await managedSimulationPolicy(repos, source.boundaryArn, 'PERMISSIONS_BOUNDARY', 'PermissionsBoundary')
          : undefined;
    const trust = req.ResourcePolicy !== undefined && isTrustPolicy(req.ResourcePolicy);
    const resourcePolicy =
      req.ResourcePolicy === undefined
        ? undefined
        : simulationPolicy(req.ResourcePolicy, 'ResourcePolicy', 'resource', trust ? 'TRUST_POLICY' : 'RESOURCE_POLICY', 'ResourcePolicy');

    let principal = source.principal;
    if (req.CallerArn !== undefined || principal === undefined) {
      const caller = callerPrincipal(req.CallerArn, accountId);
      if ('code' in caller) throw awsError(caller.code, caller.message);
      principal = caller;
    }
    const context = contextFromEntries(
      (req.ContextEntries ?? []).map((e) => ({ ContextKeyName: e.ContextKeyName ?? '', ContextKeyValues: e.ContextKeyValues ?? [], ContextKeyType: e.ContextKeyType ?? 'string' })),
    );
    if ('code' in context) throw awsError(context.code, context.message);
    const owner = req.ResourceOwner === undefined ? undefined : (/(\d{12})/.exec(req.ResourceOwner)?.[1] ?? undefined);
    const results = simulate({
      identity: [...source.identity, ...extra],
      ...(boundary !== undefined ? { permissionsBoundary: boundary } : {}),
      ...(resourcePolicy !== undefined ? { resourcePolicy } : {}),
      ...(trust ? { resourcePolicyRequired: true } : {}),
      actions: req.ActionNames,
      ...(req.ResourceArns !== undefined ? { resources: req.ResourceArns } : {}),
      principal,
      ...(owner !== undefined ? { resourceOwnerAccount: owner } : {}),
      context,
    });
    const page = pageOf('simulation', results, pageRequest(req));
    return { EvaluationResults: [...page.items], ...pageMembers(page) };
  },
  audit: { requestParameters: (req) => ({ policySourceArn: req.PolicySourceArn, actionNames: req.ActionNames, resourceArns: req.ResourceArns }) },
});
