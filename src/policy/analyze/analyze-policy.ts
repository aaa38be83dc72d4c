// Validation beyond syntax, as IAM Access Analyzer's ValidatePolicy does it: every check of the
// "IAM policy validation check reference" that the document alone can decide, plus podiam's own
// checks (marked as such in issues.ts).
import type { PolicyDocument, PolicyType } from '../ast.ts';
import { checkActions } from './checks/action.ts';
import { checkConditionKeys } from './checks/condition-keys.ts';
import { checkConditionOperators } from './checks/condition-operators.ts';
import { checkConditionSecurity } from './checks/condition-security.ts';
import { checkConditionValues } from './checks/condition-values.ts';
import { checkDocument } from './checks/document.ts';
import { checkPrincipal } from './checks/principal.ts';
import { checkResourceTypes } from './checks/resource-types.ts';
import { checkResources } from './checks/resource.ts';
import { checkSensitiveActions } from './checks/sensitive-actions.ts';
import { checkStatementShape } from './checks/statement-shape.ts';
import { checkTrustStatement } from './checks/trust-policy.ts';
import { createContext } from './context.ts';
import type { Finding } from './finding.ts';
import type { ServiceCatalog } from './service-catalog.ts';

/** Options of an analysis. */
export interface AnalyzeOptions {
  readonly policyType: PolicyType;
  readonly catalog: ServiceCatalog;
  /**
   * The document's size as IAM counts it (characters, whitespace excluded) for the size quotas;
   * computed from the parsed document when absent.
   */
  readonly documentSize?: number;
}

const STATEMENT_CHECKS = [
  checkStatementShape,
  checkPrincipal,
  checkActions,
  checkResources,
  checkResourceTypes,
  checkConditionKeys,
  checkConditionOperators,
  checkConditionValues,
  checkConditionSecurity,
  checkSensitiveActions,
  checkTrustStatement,
] as const;

const SEVERITY_ORDER = { ERROR: 0, SECURITY_WARNING: 1, WARNING: 2, SUGGESTION: 3 } as const;

/** Validates a parsed policy document; findings come ordered by severity, then by place in the document. */
export function analyzePolicy(policy: PolicyDocument, options: AnalyzeOptions): Finding[] {
  const ctx = createContext(policy, options.policyType, options.catalog);
  const findings: Finding[] = [...checkDocument(ctx, options.documentSize)];
  for (const statement of policy.statements) {
    for (const check of STATEMENT_CHECKS) findings.push(...check(ctx, statement));
  }
  return findings
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => SEVERITY_ORDER[a.finding.findingType] - SEVERITY_ORDER[b.finding.findingType] || a.order - b.order)
    .map(({ finding }) => finding);
}
