// Shared fixtures for the engine's own tests: policies from JSON, and the principals of the rules.
import type { PolicyType } from './ast.ts';
import type { CompiledPolicy, PolicyKind } from './compile.ts';
import { RequestContext, type ContextValue } from './context.ts';
import { decide, type Decision, type PolicySet } from './decide.ts';
import { prepareRequest } from './evaluate.ts';
import { loadPolicy } from './index.ts';
import type { RequestPrincipal } from './principal.ts';

const TYPE_OF_KIND: Record<PolicyKind, PolicyType> = {
  IdentityPolicy: 'IDENTITY_POLICY',
  PermissionsBoundary: 'PERMISSIONS_BOUNDARY',
  SessionPolicy: 'SESSION_POLICY',
  ResourcePolicy: 'RESOURCE_POLICY',
  ServiceControlPolicy: 'SERVICE_CONTROL_POLICY',
  ResourceControlPolicy: 'RESOURCE_CONTROL_POLICY',
};

/** Compiles a policy written as a JS object; throws when it does not parse (a broken fixture). */
export function policy(kind: PolicyKind, document: object, id = `${kind}-fixture`, policyType?: PolicyType): CompiledPolicy {
  const loaded = loadPolicy(JSON.stringify(document), { policyType: policyType ?? TYPE_OF_KIND[kind], source: { id, kind } });
  if (!loaded.ok) throw new Error(`fixture does not parse: ${JSON.stringify(loaded.errors)}`);
  return loaded.policy;
}

/** One Allow/Deny statement with Action and Resource (and optional Principal/Condition). */
export function stmt(effect: 'Allow' | 'Deny', action: string | string[], resource?: string | string[], extra: object = {}): object {
  return { Effect: effect, Action: action, ...(resource !== undefined ? { Resource: resource } : {}), ...extra };
}

/** A 2012-10-17 document of these statements. */
export function doc(...statements: object[]): object {
  return { Version: '2012-10-17', Statement: statements };
}

export const A = '111122223333';
export const B = '444455556666';

export const alice: RequestPrincipal = { type: 'User', arn: `arn:aws:iam::${A}:user/alice`, accountId: A };
export const rootA: RequestPrincipal = { type: 'Root', arn: `arn:aws:iam::${A}:root`, accountId: A };
export const session: RequestPrincipal = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${A}:assumed-role/app/pod-1`,
  accountId: A,
  roleArn: `arn:aws:iam::${A}:role/team/app`,
};
export const bobInB: RequestPrincipal = { type: 'User', arn: `arn:aws:iam::${B}:user/bob`, accountId: B };
export const anonymous: RequestPrincipal = { type: 'Anonymous', arn: '*' };

/** Decides one request. */
export function check(
  set: PolicySet,
  principal: RequestPrincipal,
  action: string,
  resource: string,
  context: Record<string, ContextValue> = {},
  resourceAccount?: string,
): Decision {
  return decide(
    set,
    prepareRequest({
      principal,
      action,
      resource,
      context: new RequestContext(context),
      ...(resourceAccount !== undefined ? { resourceAccount } : {}),
    }),
  );
}
