// Checks particular to role trust policies.
// IAM policy validation check reference: "Security Warning – Missing condition key for oidc principal",
// "Security Warning – Missing github repo condition key", "General Warning – Specific github repo and branch
// recommended", "Error – Mismatched action for principal", "Error – Missing action for roles anywhere trust
// policy", "Error – Missing action for condition key".
// podiam's own check MISSING_SUB_CONDITION_KEY_FOR_OIDC_PRINCIPAL follows Amazon EKS User Guide, "Assign IAM
// roles to Kubernetes service accounts": the trust policy conditions `<provider>:sub` to the service account
// (and `<provider>:aud` to sts.amazonaws.com); without `:sub`, every service account of the cluster can
// assume the role.
import type { Statement } from '../../ast.ts';
import { oidcProviderOf } from '../condition-key.ts';
import type { AnalysisContext } from '../context.ts';
import type { Finding } from '../finding.ts';
import { makeFinding } from '../issues.ts';
import { at, conditionValuePath, elementPath, principalPath, statementPath } from '../paths.ts';
import { compileWildcard } from '../../wildcard.ts';

const GITHUB = 'token.actions.githubusercontent.com';

/**
 * Web identity providers that IAM names by domain and whose `aud` claim identifies the application
 * (IAM User Guide, "Available keys for AWS OIDC federation"); a condition on `aud` alone scopes them.
 */
const APP_SCOPED_PROVIDERS = new Set(['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com']);

/** Trust policy checks for one statement. */
export function checkTrustStatement(ctx: AnalysisContext, statement: Statement): Finding[] {
  if (ctx.policyType !== 'TRUST_POLICY' || statement.principal?.kind !== 'Principal') return [];
  return [
    ...checkOidc(ctx, statement),
    ...checkMismatchedActions(ctx, statement),
    ...checkRolesAnywhere(ctx, statement),
    ...checkSessionKeys(ctx, statement),
  ];
}

/** True when the statement's Action element covers the action. */
function covers(statement: Statement, action: string): boolean {
  const matches = statement.action.values.some((v) => compileWildcard(v, true)(action));
  return statement.action.kind === 'Action' ? matches : !matches;
}

function checkOidc(ctx: AnalysisContext, statement: Statement): Finding[] {
  if (statement.effect !== 'Allow' || !covers(statement, 'sts:AssumeRoleWithWebIdentity')) return [];
  const findings: Finding[] = [];
  const keys = statement.conditions.map((c) => c.key.toLowerCase());
  statement.principal?.principals.federated.forEach((federated, i) => {
    const provider = oidcProviderOf(federated);
    if (provider === undefined) return;
    const prefix = `${provider.toLowerCase()}:`;
    const providerKeys = keys.filter((k) => k.startsWith(prefix));
    const path = at(principalPath(ctx.policy, statement, 'Federated', i));
    const hasSub = providerKeys.includes(`${prefix}sub`);
    if (provider.toLowerCase() === GITHUB) {
      if (!hasSub) findings.push(makeFinding('MISSING_GITHUB_REPO_CONDITION_KEY', path));
      else findings.push(...checkGithubSubject(ctx, statement));
      return;
    }
    if (providerKeys.length === 0) {
      findings.push(makeFinding('MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL', path));
      return;
    }
    if (!hasSub && !APP_SCOPED_PROVIDERS.has(provider.toLowerCase())) {
      findings.push(makeFinding('MISSING_SUB_CONDITION_KEY_FOR_OIDC_PRINCIPAL', path, { provider }));
    }
  });
  return findings;
}

/** A wildcard in the GitHub subject lets other repositories or branches in. */
function checkGithubSubject(ctx: AnalysisContext, statement: Statement): Finding[] {
  const findings: Finding[] = [];
  for (const clause of statement.conditions) {
    if (clause.key.toLowerCase() !== `${GITHUB}:sub` || !/StringLike/i.test(clause.operator)) continue;
    const i = clause.values.findIndex((v) => v.includes('*'));
    if (i >= 0) {
      findings.push(makeFinding('SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED', at(conditionValuePath(ctx.policy, statement, clause, i))));
    }
  }
  return findings;
}

/** The kinds of principal each federation action works with. */
function checkMismatchedActions(ctx: AnalysisContext, statement: Statement): Finding[] {
  if (statement.action.kind !== 'Action') return [];
  const p = statement.principal?.principals;
  if (p === undefined) return [];
  const saml = p.federated.filter((f) => /:saml-provider\//.test(f));
  const oidc = p.federated.filter((f) => !/:saml-provider\//.test(f));
  const others = [...p.aws, ...p.service, ...p.canonicalUser];
  const findings: Finding[] = [];
  statement.action.values.forEach((value, i) => {
    const lower = value.toLowerCase();
    let mismatched: readonly string[] = [];
    if (lower === 'sts:assumerolewithsaml') mismatched = [...others, ...oidc];
    else if (lower === 'sts:assumerolewithwebidentity') mismatched = [...others, ...saml];
    else if (lower === 'sts:assumerole' && others.length === 0 && !p.wildcard) mismatched = p.federated;
    if (mismatched.length === 0) return;
    findings.push(
      makeFinding('MISMATCHED_ACTION_FOR_PRINCIPAL', at(elementPath(ctx.policy, statement, 'Action', i)), {
        actionName: value,
        principalNames: mismatched.join(', '),
      }),
    );
  });
  return findings;
}

/** "The rolesanywhere.amazonaws.com service principal requires sts:AssumeRole, sts:SetSourceIdentity, and sts:TagSession." */
function checkRolesAnywhere(ctx: AnalysisContext, statement: Statement): Finding[] {
  if (statement.effect !== 'Allow') return [];
  if (!(statement.principal?.principals.service ?? []).includes('rolesanywhere.amazonaws.com')) return [];
  const missing = ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'].filter((a) => !covers(statement, a));
  return missing.length === 0
    ? []
    : [makeFinding('MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY', at(elementPath(ctx.policy, statement, statement.action.kind)))];
}

/**
 * Keys a role session is given only with the matching permission: session tags need sts:TagSession and a
 * source identity needs sts:SetSourceIdentity (IAM User Guide, "Passing session tags in AWS STS",
 * "Monitor and control actions taken with assumed roles").
 */
function checkSessionKeys(ctx: AnalysisContext, statement: Statement): Finding[] {
  if (statement.effect !== 'Allow') return [];
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const clause of statement.conditions) {
    const key = clause.key.toLowerCase();
    let needed: string | undefined;
    if (key.startsWith('aws:requesttag/') || key === 'aws:tagkeys' || key === 'sts:transitivetagkeys') needed = 'sts:TagSession';
    else if (key === 'sts:sourceidentity') needed = 'sts:SetSourceIdentity';
    if (needed === undefined || covers(statement, needed) || reported.has(`${needed}:${key}`)) continue;
    reported.add(`${needed}:${key}`);
    findings.push(
      makeFinding('MISSING_ACTION_FOR_CONDITION_KEY', at(statementPath(ctx.policy, statement)), {
        actionName: needed,
        keyName: clause.key,
      }),
    );
  }
  return findings;
}
