// Compiling a parsed policy once into matchers that evaluate without re-parsing.
import { actionServices, compileAction, type ActionMatcher } from './action.ts';
import type { PolicyDocument, Statement } from './ast.ts';
import { compileConditionBlock, type CompiledConditionBlock } from './condition/index.ts';
import { compilePrincipal, type PrincipalMatcher } from './principal.ts';
import { compileResource, resourceVariableKeys, type ResourceMatcher } from './resource.ts';

/** The role a policy plays in a decision (IAM User Guide, "Policy types"). */
export type PolicyKind =
  | 'IdentityPolicy'
  | 'PermissionsBoundary'
  | 'SessionPolicy'
  | 'ResourcePolicy'
  | 'ServiceControlPolicy'
  | 'ResourceControlPolicy';

/** Where a policy comes from: its id (name or ARN, as the simulator reports `SourcePolicyId`) and kind. */
export interface PolicySource {
  readonly id: string;
  readonly kind: PolicyKind;
}

/** A statement compiled into its matchers. */
export interface CompiledStatement {
  readonly statement: Statement;
  readonly deny: boolean;
  readonly action: ActionMatcher;
  /** Absent in trust policies, which have no `Resource` element. */
  readonly resource: ResourceMatcher | undefined;
  /** Absent in identity-based policies, which have no `Principal` element. */
  readonly principal: PrincipalMatcher | undefined;
  /** Absent when the statement has no `Condition`. */
  readonly conditions: CompiledConditionBlock | undefined;
  /** Context keys the statement reads (conditions and variables), lower case. */
  readonly contextKeys: readonly string[];
}

/** A policy compiled once, reused for every decision. */
export interface CompiledPolicy {
  readonly source: PolicySource;
  readonly document: PolicyDocument;
  readonly statements: readonly CompiledStatement[];
  /** The statements that can match an action of this (lower-case) service, in document order. */
  statementsFor(service: string): readonly CompiledStatement[];
}

function compileStatement(statement: Statement, document: PolicyDocument): CompiledStatement {
  const version = document.version;
  const conditions =
    statement.conditions.length > 0 ? compileConditionBlock(statement.conditions, version) : undefined;
  const keys = new Set<string>();
  for (const condition of conditions?.conditions ?? []) for (const key of condition.keys) keys.add(key);
  if (statement.resource !== undefined) for (const key of resourceVariableKeys(statement.resource, version)) keys.add(key);
  return {
    statement,
    deny: statement.effect === 'Deny',
    action: compileAction(statement.action),
    resource: statement.resource === undefined ? undefined : compileResource(statement.resource, version),
    principal: statement.principal === undefined ? undefined : compilePrincipal(statement.principal),
    conditions,
    contextKeys: [...keys],
  };
}

/** Compiles a parsed policy for evaluation. */
export function compilePolicy(document: PolicyDocument, source: PolicySource): CompiledPolicy {
  const statements = document.statements.map((s) => compileStatement(s, document));
  const anyService: CompiledStatement[] = [];
  const byService = new Map<string, CompiledStatement[]>();
  const serviceSets = statements.map((s) => actionServices(s.statement.action));
  for (const services of serviceSets) for (const service of services ?? []) byService.set(service, []);
  statements.forEach((compiled, i) => {
    const services = serviceSets[i];
    if (services === undefined) {
      anyService.push(compiled);
      for (const list of byService.values()) list.push(compiled);
    } else {
      for (const service of services) byService.get(service)?.push(compiled);
    }
  });
  return {
    source,
    document,
    statements,
    statementsFor: (service) => byService.get(service) ?? anyService,
  };
}
