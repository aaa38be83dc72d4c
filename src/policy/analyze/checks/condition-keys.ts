// Checks on condition keys: that they exist, and that the statement's actions support them.
// IAM policy validation check reference: "Error – Invalid condition key format", "Error – Invalid global
// condition key", "Error – Unsupported global condition key", "General Warning – Deprecated global condition
// key", "Error – Invalid service", "Error – Invalid service condition key", "Error – Missing tag key in
// condition", "Error – Duplicate keys with different case", "Error – Unsupported action for condition key",
// "Suggestion – Allow with unsupported tag condition key for service", "Security Warning – Deny with
// unsupported tag condition key for service", "Suggestion – Allow NotAction with unsupported tag condition key
// for service", "Security Warning – Deny NotAction with unsupported tag condition key for service".
import type { ConditionClause, Statement } from '../../ast.ts';
import { classifyConditionKey, isTagConditionKey, oidcProviderNames } from '../condition-key.ts';
import type { AnalysisContext } from '../context.ts';
import type { Finding } from '../finding.ts';
import { makeFinding } from '../issues.ts';
import { at, conditionKeyPath, elementPath } from '../paths.ts';
import { conditionKeyMatches, type CatalogAction } from '../service-catalog.ts';

/** Condition key checks for one statement. */
export function checkConditionKeys(ctx: AnalysisContext, statement: Statement): Finding[] {
  const { policy, catalog } = ctx;
  const providers = oidcProviderNames(policy);
  const findings: Finding[] = [];
  const seen = new Map<string, string>();
  for (const clause of statement.conditions) {
    const path = conditionKeyPath(policy, statement, clause);
    // Keys compare case-insensitively, so two spellings in one operator block are the same key twice.
    const blockKey = `${clause.operator}\u0000${clause.key.toLowerCase()}`;
    const earlier = seen.get(blockKey);
    if (earlier !== undefined && earlier !== clause.key) {
      findings.push(makeFinding('DUPLICATE_KEYS_WITH_DIFFERENT_CASE', at(path), { key: clause.key }));
    }
    seen.set(blockKey, clause.key);

    const info = classifyConditionKey(clause.key, catalog, providers);
    if (info.kind !== 'invalid') continue;
    const code =
      info.code === 'UNSUPPORTED_GLOBAL_CONDITION_KEY' && ctx.policyType === 'IDENTITY_POLICY'
        ? 'DEPRECATED_GLOBAL_CONDITION_KEY'
        : info.code;
    findings.push(makeFinding(code, at(path), info.params));
  }
  findings.push(...checkActionSupport(ctx, statement), ...checkTagKeySupport(ctx, statement));
  return findings;
}

/** True when the action, or one of its resource types, lists the key. */
export function actionSupportsKey(ctx: AnalysisContext, action: CatalogAction, key: string): boolean {
  if (action.conditionKeys.some((k) => conditionKeyMatches(k, key))) return true;
  return action.resourceTypes.some((t) => {
    if (t.conditionKeys.some((k) => conditionKeyMatches(k, key))) return true;
    const type = ctx.catalog.resourceType(action.service, t.name);
    return type !== undefined && type.conditionKeys.some((k) => conditionKeyMatches(k, key));
  });
}

/**
 * Actions named without wildcards that do not support a key of their own service (or a tag key).
 * "If the Action element has actions with wildcards, IAM Access Analyzer doesn't evaluate those actions."
 */
function checkActionSupport(ctx: AnalysisContext, statement: Statement): Finding[] {
  if (statement.action.kind !== 'Action') return [];
  const literal = statement.action.values.flatMap((value) => {
    const r = ctx.resolveAction(value);
    return r.kind === 'actions' && !r.wildcard ? r.actions : [];
  });
  if (literal.length === 0) return [];
  const findings: Finding[] = [];
  const checked = new Set<string>();
  for (const clause of statement.conditions) {
    const lower = clause.key.toLowerCase();
    if (checked.has(lower)) continue;
    checked.add(lower);
    const prefix = lower.slice(0, Math.max(0, lower.indexOf(':')));
    const unsupported = literal.filter((action) => {
      if (prefix !== action.service && !isTagConditionKey(clause.key)) return false;
      if (prefix === action.service && ctx.catalog.globalConditionKey(clause.key) !== undefined) return false;
      if (prefix === action.service && ctx.catalog.serviceConditionKey(action.service, clause.key) === undefined) return false;
      return !actionSupportsKey(ctx, action, clause.key);
    });
    if (unsupported.length === 0) continue;
    findings.push(
      makeFinding('UNSUPPORTED_ACTION_FOR_CONDITION_KEY', at(conditionKeyPath(ctx.policy, statement, clause)), {
        actions: unsupported.map((a) => `${a.service}:${a.name}`).join(', '),
        key: clause.key,
      }),
    );
  }
  return findings;
}

/** Services, among the actions a wildcard or NotAction names, that do not support a tag condition key. */
function checkTagKeySupport(ctx: AnalysisContext, statement: Statement): Finding[] {
  const tagClauses = statement.conditions.filter((c) => isTagConditionKey(c.key));
  if (tagClauses.length === 0) return [];
  const findings: Finding[] = [];
  const keys = new Map<string, ConditionClause>();
  for (const c of tagClauses) if (!keys.has(c.key.toLowerCase())) keys.set(c.key.toLowerCase(), c);
  for (const clause of keys.values()) {
    const path = conditionKeyPath(ctx.policy, statement, clause);
    if (statement.action.kind === 'NotAction') {
      findings.push(
        makeFinding(
          statement.effect === 'Allow'
            ? 'ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'
            : 'DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
          at(path),
          { conditionKeyName: clause.key },
        ),
      );
      continue;
    }
    const services = new Set<string>();
    statement.action.values.forEach((value) => {
      const r = ctx.resolveAction(value);
      // `*` and service wildcards name every service; listing them all would say nothing useful.
      if (r.kind !== 'actions' || !r.wildcard) return;
      if (r.actions.some((a) => !actionSupportsKey(ctx, a, clause.key))) services.add(r.service);
    });
    if (services.size === 0) continue;
    findings.push(
      makeFinding(
        statement.effect === 'Allow'
          ? 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'
          : 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
        [{ path }, { path: elementPath(ctx.policy, statement, 'Action') }],
        { conditionKeyName: clause.key, serviceNames: [...services].sort().join(', ') },
      ),
    );
  }
  return findings;
}
