// Explaining a decision: which statements of which policies decided it, and why the others did not
// apply (the first element that failed to match). Slower than `decide`, and allocates; for the
// simulator, `AccessDenied` details and the audit trail.
import type { Effect, PolicyElementName } from './ast.ts';
import type { CompiledPolicy, CompiledStatement, PolicySource } from './compile.ts';
import { decide, withBoundaryMark, type Decision, type PolicySet } from './decide.ts';
import type { PreparedRequest } from './evaluate.ts';

/** One statement's part in a decision. */
export interface StatementTrace {
  readonly source: PolicySource;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly applies: boolean;
  /** When it does not apply: the element that failed to match, and how. */
  readonly notApplied?: { readonly element: PolicyElementName; readonly detail: string };
}

/** A decision with its reasons. */
export interface Explanation extends Decision {
  /** The statements that decided: the applicable Deny statements for an explicit deny, the Allow
   * statements that granted for an allow, none for an implicit deny. */
  readonly matchedStatements: readonly StatementTrace[];
  /** Every statement of every policy considered, in evaluation order. */
  readonly statements: readonly StatementTrace[];
  /** Context keys that applicable statements' conditions read but the request did not carry. */
  readonly missingContextValues: readonly string[];
  /** One sentence saying why. */
  readonly summary: string;
}

function traceStatement(source: PolicySource, s: CompiledStatement, request: PreparedRequest): StatementTrace {
  const base = { source, statementIndex: s.statement.index, effect: s.statement.effect, ...(s.statement.sid !== undefined ? { sid: s.statement.sid } : {}) };
  const action = s.statement.action;
  if (!s.action(request.action)) {
    const detail =
      action.kind === 'Action'
        ? `${request.action.text} matches none of ${action.values.join(', ')}`
        : `${request.action.text} is excluded by NotAction`;
    return { ...base, applies: false, notApplied: { element: action.kind, detail } };
  }
  if (s.principal !== undefined && s.principal(request.principal) === undefined) {
    const kind = s.statement.principal?.kind ?? 'Principal';
    return { ...base, applies: false, notApplied: { element: kind, detail: `${request.principal.arn} is not a principal this statement applies to` } };
  }
  if (s.resource !== undefined && !s.resource(request.resource, request.context)) {
    const element = s.statement.resource;
    const kind = element?.kind ?? 'Resource';
    const detail =
      kind === 'Resource'
        ? `${request.resource.text} matches none of ${element?.values.join(', ') ?? ''}`
        : `${request.resource.text} is excluded by NotResource`;
    return { ...base, applies: false, notApplied: { element: kind, detail } };
  }
  const failing = s.conditions?.firstFailing(request.context);
  if (failing !== undefined) {
    const value = request.context.get(failing.clause.key);
    const shown = value === undefined ? 'absent' : JSON.stringify(value);
    const detail = `${failing.clause.operator} on ${failing.clause.key} (${JSON.stringify(failing.clause.values)}) is false: the request's value is ${shown}`;
    return { ...base, applies: false, notApplied: { element: 'Condition', detail } };
  }
  return { ...base, applies: true };
}

function tracePolicy(policy: CompiledPolicy, request: PreparedRequest): StatementTrace[] {
  return policy.statements.map((s) => traceStatement(policy.source, s, request));
}

function policiesOf(set: PolicySet): CompiledPolicy[] {
  const out: CompiledPolicy[] = [];
  for (const level of set.scps ?? []) out.push(...level);
  for (const level of set.rcps ?? []) out.push(...level);
  if (set.resourcePolicy !== undefined) out.push(set.resourcePolicy);
  out.push(...(set.identity ?? []));
  if (set.permissionsBoundary !== undefined) out.push(set.permissionsBoundary);
  out.push(...(set.sessionPolicies ?? []));
  return out;
}

function missingKeys(set: PolicySet, request: PreparedRequest): string[] {
  const missing = new Set<string>();
  for (const policy of policiesOf(set)) {
    for (const s of policy.statements) {
      if (!s.action(request.action)) continue;
      if (s.principal !== undefined && s.principal(request.principal) === undefined) continue;
      for (const key of s.contextKeys) {
        if (request.context.getLower(key) !== undefined) continue;
        const clause = s.conditions?.conditions.find((c) => c.key === key);
        missing.add(clause?.clause.key ?? key);
      }
    }
  }
  return [...missing];
}

function describe(s: StatementTrace): string {
  const name = s.sid !== undefined && s.sid !== '' ? `'${s.sid}'` : `#${s.statementIndex}`;
  return `statement ${name} of ${s.source.kind} ${s.source.id}`;
}

function grantingKinds(d: Decision): ReadonlySet<PolicySource['kind']> {
  if (d.basis === 'ResourcePolicy') return new Set(['ResourcePolicy', 'PermissionsBoundary', 'SessionPolicy']);
  return new Set(['IdentityPolicy', 'ResourcePolicy', 'PermissionsBoundary', 'SessionPolicy']);
}

function summarise(d: Decision, matched: readonly StatementTrace[], request: PreparedRequest): string {
  const what = `${request.principal.arn} ${request.action.text} on ${request.resource.text}`;
  switch (d.basis) {
    case 'NoPermissionRequired':
      return `allowed: ${request.action.text} needs no permission and cannot be denied by policies`;
    case 'ExplicitDeny':
      return `explicitly denied (${what}) by ${matched.map(describe).join('; ')}`;
    case 'ServiceControlPolicy':
      return `implicitly denied (${what}): a level of the organisation has no service control policy that allows it`;
    case 'RootUser':
      return `allowed: the account's root user has every permission in its own account`;
    case 'ResourcePolicy':
    case 'IdentityPolicy':
      if (d.decision === 'allowed') return `allowed (${what}) by ${matched.map(describe).join('; ')}`;
      return d.basis === 'ResourcePolicy'
        ? `implicitly denied (${what}): the resource-based policy does not allow it`
        : `implicitly denied (${what}): no identity-based policy allows it`;
    case 'PermissionsBoundary':
      return `implicitly denied (${what}): the permissions boundary does not allow it`;
    case 'SessionPolicy':
      return `implicitly denied (${what}): the session policy does not allow it`;
    default: {
      const never: never = d.basis;
      return never;
    }
  }
}

/** Decides a request and says why, statement by statement. */
export function explain(set: PolicySet, prepared: PreparedRequest): Explanation {
  const d = decide(set, prepared);
  const request = withBoundaryMark(set, prepared);
  const statements = policiesOf(set).flatMap((p) => tracePolicy(p, request));
  let matched: StatementTrace[] = [];
  if (d.decision === 'explicitDeny') {
    matched = statements.filter((s) => s.applies && s.effect === 'Deny');
  } else if (d.decision === 'allowed' && d.basis !== 'NoPermissionRequired' && d.basis !== 'RootUser') {
    const kinds = grantingKinds(d);
    matched = statements.filter((s) => s.applies && s.effect === 'Allow' && kinds.has(s.source.kind));
  }
  return {
    decision: d.decision,
    basis: d.basis,
    matchedStatements: matched,
    statements,
    missingContextValues: missingKeys(set, request),
    summary: summarise(d, matched, request),
  };
}
