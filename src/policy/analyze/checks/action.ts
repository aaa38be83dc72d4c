// Checks on Action and NotAction values.
// IAM policy validation check reference: "Error – Invalid service in action", "Error – Invalid action",
// "Suggestion – Wildcard in service name", "Suggestion – Redundant action", "Error – Variable unsupported
// in element".
import type { Statement } from '../../ast.ts';
import type { AnalysisContext } from '../context.ts';
import type { Finding } from '../finding.ts';
import { makeFinding } from '../issues.ts';
import { at, elementPath } from '../paths.ts';
import { closest } from '../suggest.ts';

/** Action validity checks for one statement. */
export function checkActions(ctx: AnalysisContext, statement: Statement): Finding[] {
  const { policy, catalog } = ctx;
  const element = statement.action;
  const findings: Finding[] = [];
  element.values.forEach((value, i) => {
    const path = elementPath(policy, statement, element.kind, i);
    const variable = /\$\{[^}]*\}?/.exec(value);
    if (variable !== null) {
      findings.push(makeFinding('VARIABLE_UNSUPPORTED_IN_ELEMENT', at(path), { variable: variable[0] }));
      return;
    }
    const resolved = ctx.resolveAction(value);
    switch (resolved.kind) {
      case 'all':
        return;
      case 'malformed':
        findings.push(makeFinding('INVALID_ACTION', at(path), { action: value, suggestion: '' }));
        return;
      case 'unknown-service': {
        const guess = closest(resolved.service, catalog.servicePrefixes());
        findings.push(
          makeFinding('INVALID_SERVICE_IN_ACTION', at(path), {
            service: value,
            suggestion: guess === undefined ? '' : ` Did you mean ${guess}?`,
          }),
        );
        return;
      }
      case 'service-pattern':
        findings.push(makeFinding('WILDCARD_IN_SERVICE_NAME', at(path)));
        if (resolved.services.length === 0) {
          findings.push(makeFinding('INVALID_SERVICE_IN_ACTION', at(path), { service: value, suggestion: '' }));
        }
        return;
      case 'actions': {
        if (resolved.actions.length > 0) return;
        let suggestion = '';
        if (!resolved.wildcard) {
          const name = value.slice(value.indexOf(':') + 1);
          const guess = closest(name, catalog.actions(resolved.service).map((a) => a.name));
          if (guess !== undefined) suggestion = ` Did you mean ${resolved.service}:${guess}?`;
        }
        findings.push(makeFinding('INVALID_ACTION', at(path), { action: value, suggestion }));
        return;
      }
      default: {
        const never: never = resolved;
        return never;
      }
    }
  });
  findings.push(...checkRedundantActions(ctx, statement));
  return findings;
}

/**
 * An action value is redundant when every action it names is also named by another value of the element
 * ("You receive a finding for this policy check when all of the contents of an action are redundant").
 */
function checkRedundantActions(ctx: AnalysisContext, statement: Statement): Finding[] {
  const { catalog } = ctx;
  const values = statement.action.values;
  const sets = values.map((value) => {
    const r = ctx.resolveAction(value);
    if (r.kind === 'all') return 'all' as const;
    if (r.kind === 'actions' && r.actions.length > 0) return new Set(r.actions.map((a) => `${a.service}:${a.name}`));
    if (r.kind === 'service-pattern' && r.services.length > 0) {
      return new Set(r.services.flatMap((s) => catalog.actions(s).map((a) => `${a.service}:${a.name}`)));
    }
    return undefined;
  });
  const redundant: number[] = [];
  sets.forEach((set, i) => {
    if (set === undefined) return;
    const covered = sets.some((other, j) => {
      if (j === i || other === undefined || redundant.includes(j)) return false;
      if (other === 'all') return set !== 'all' || j < i;
      if (set === 'all') return false;
      for (const a of set) if (!other.has(a)) return false;
      // Two values naming the same actions: only the later one is redundant.
      return set.size < other.size || j < i;
    });
    if (covered) redundant.push(i);
  });
  if (redundant.length === 0) return [];
  const first = values[redundant[0] ?? 0] ?? '';
  return [
    makeFinding(
      'REDUNDANT_ACTION',
      redundant.map((i) => ({ path: elementPath(ctx.policy, statement, statement.action.kind, i) })),
      { redundantActionCount: String(redundant.length), redundantAction: first },
    ),
  ];
}
