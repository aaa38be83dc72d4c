// Checks on which elements a statement has, by policy type.
// IAM policy validation check reference: "Error – Missing resource", "Error – Role trust policy syntax error
// resource", "Suggestion – Empty array action", "Suggestion – Empty array resource", "Error – SCP syntax error
// action wildcard", "Error – RCP syntax error allow", "Error – RCP syntax error NotAction",
// "Error – RCP syntax error action".
import type { Statement } from '../../ast.ts';
import type { AnalysisContext } from '../context.ts';
import type { Finding } from '../finding.ts';
import { makeFinding } from '../issues.ts';
import { at, elementPath, statementPath } from '../paths.ts';

/** Element presence and shape checks for one statement. */
export function checkStatementShape(ctx: AnalysisContext, statement: Statement): Finding[] {
  const { policy, policyType } = ctx;
  const findings: Finding[] = [];
  const resource = statement.resource;

  if (policyType === 'TRUST_POLICY') {
    if (resource !== undefined) {
      findings.push(makeFinding('ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE', at(elementPath(policy, statement, resource.kind))));
    }
  } else if (resource === undefined) {
    findings.push(makeFinding('MISSING_RESOURCE', at(statementPath(policy, statement))));
  } else if (resource.values.length === 0) {
    findings.push(makeFinding('EMPTY_ARRAY_RESOURCE', at(elementPath(policy, statement, resource.kind))));
  }
  if (statement.action.values.length === 0) {
    findings.push(makeFinding('EMPTY_ARRAY_ACTION', at(elementPath(policy, statement, statement.action.kind))));
  }

  if (policyType === 'SERVICE_CONTROL_POLICY') {
    // "SCP actions can include wildcards (*) only at the end of a string."
    statement.action.values.forEach((value, i) => {
      const star = value.indexOf('*');
      if (value.includes('?') || (star >= 0 && star !== value.length - 1)) {
        findings.push(
          makeFinding('SCP_SYNTAX_ERROR_ACTION_WILDCARD', at(elementPath(policy, statement, statement.action.kind, i)), {
            action: value,
          }),
        );
      }
    });
  }

  if (policyType === 'RESOURCE_CONTROL_POLICY') findings.push(...checkRcpStatement(ctx, statement));
  return findings;
}

function checkRcpStatement(ctx: AnalysisContext, statement: Statement): Finding[] {
  const { policy, catalog } = ctx;
  const findings: Finding[] = [];
  if (statement.action.kind === 'NotAction') {
    findings.push(makeFinding('RCP_SYNTAX_ERROR_NOTACTION', at(elementPath(policy, statement, 'NotAction'))));
  } else {
    statement.action.values.forEach((value, i) => {
      if (value === '*') return;
      const service = value.split(':')[0]?.toLowerCase() ?? '';
      if (service.includes('*') || service.includes('?')) return;
      if (!catalog.supportsResourceControlPolicies(service)) {
        findings.push(makeFinding('RCP_SYNTAX_ERROR_ACTION', at(elementPath(policy, statement, 'Action', i))));
      }
    });
  }
  if (statement.effect === 'Allow') {
    const p = statement.principal?.principals;
    const allPrincipals = p !== undefined && (p.wildcard || (p.aws.length === 1 && p.aws[0] === '*'));
    const allResources = statement.resource?.kind === 'Resource' && statement.resource.values.every((v) => v === '*');
    if (!allPrincipals || !allResources || statement.conditions.length > 0) {
      findings.push(makeFinding('RCP_SYNTAX_ERROR_ALLOW', at(statementPath(policy, statement))));
    }
  }
  return findings;
}
