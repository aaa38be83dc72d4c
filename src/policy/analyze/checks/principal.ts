// Checks on Principal and NotPrincipal.
// IAM policy validation check reference: "Error – Unsupported principal", "Error – Missing principal",
// "Error – SCP syntax error principal", "Error – RCP syntax error principal", "Error – Role trust policy syntax
// error notprincipal", "Error – Role trust policy unsupported wildcard in principal", "Error – Unsupported
// wildcard in principal", "Error – Federated principal not supported", "Error – Invalid federated principal
// syntax in role trust policy", "Error – Invalid service principal format", "General Warning – Invalid role
// reference", "General Warning – Invalid user reference", "Security Warning – Allow with NotPrincipal",
// "Security Warning – Restrict access to service principal", "Suggestion – Recommended condition key for
// service principal", "Error – Variable unsupported in element",
// "Suggestion – Empty object principal", "Suggestion – Redundant principal in role trust policy".
import type { PrincipalSet, Statement } from '../../ast.ts';
import type { AnalysisContext } from '../context.ts';
import type { Finding } from '../finding.ts';
import { makeFinding } from '../issues.ts';
import { at, principalPath, statementPath } from '../paths.ts';

/** Principal checks for one statement. */
export function checkPrincipal(ctx: AnalysisContext, statement: Statement): Finding[] {
  const { policy, policyType } = ctx;
  const element = statement.principal;
  if (element === undefined) {
    return policyType === 'RESOURCE_POLICY' || policyType === 'TRUST_POLICY'
      ? [makeFinding('MISSING_PRINCIPAL', at(statementPath(policy, statement)))]
      : [];
  }
  const path = principalPath(policy, statement);
  switch (policyType) {
    case 'IDENTITY_POLICY':
      return [makeFinding('UNSUPPORTED_PRINCIPAL', at(path), { policy_type: policyType })];
    case 'SERVICE_CONTROL_POLICY':
      return [makeFinding('SCP_SYNTAX_ERROR_PRINCIPAL', at(path))];
    case 'RESOURCE_CONTROL_POLICY': {
      const p = element.principals;
      const all = p.wildcard || (p.aws.length === 1 && p.aws[0] === '*' && otherTypesEmpty(p, 'aws'));
      return element.kind === 'NotPrincipal' || !all ? [makeFinding('RCP_SYNTAX_ERROR_PRINCIPAL', at(path))] : [];
    }
    case 'RESOURCE_POLICY':
    case 'TRUST_POLICY':
      return checkResourcePolicyPrincipal(ctx, statement);
    default: {
      const never: never = policyType;
      return never;
    }
  }
}

function otherTypesEmpty(p: PrincipalSet, except: 'aws' | 'federated' | 'service' | 'canonicalUser'): boolean {
  return (['aws', 'federated', 'service', 'canonicalUser'] as const).every((t) => t === except || p[t].length === 0);
}

function checkResourcePolicyPrincipal(ctx: AnalysisContext, statement: Statement): Finding[] {
  const { policy, policyType } = ctx;
  const element = statement.principal;
  if (element === undefined) return [];
  const p = element.principals;
  const trust = policyType === 'TRUST_POLICY';
  const findings: Finding[] = [];
  const path = principalPath(policy, statement);

  if (element.kind === 'NotPrincipal') {
    if (trust) findings.push(makeFinding('ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL', at(path)));
    else if (statement.effect === 'Allow') findings.push(makeFinding('ALLOW_WITH_NOT_PRINCIPAL', at(path)));
  }
  if (!p.wildcard && p.aws.length + p.federated.length + p.service.length + p.canonicalUser.length === 0) {
    findings.push(makeFinding('EMPTY_OBJECT_PRINCIPAL', at(path)));
  }
  if (trust && (p.wildcard || p.aws.includes('*'))) {
    findings.push(
      makeFinding(
        'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
        at(p.wildcard ? path : principalPath(policy, statement, 'AWS', p.aws.indexOf('*'))),
      ),
    );
  }

  p.aws.forEach((value, i) => {
    const valuePath = principalPath(policy, statement, 'AWS', i);
    if (value !== '*' && /[*?]/.test(value)) {
      findings.push(makeFinding('UNSUPPORTED_WILDCARD_IN_PRINCIPAL', at(valuePath), { principal_key: 'AWS' }));
    }
    // Unique IDs: AROA for roles, AIDA for users ("IAM identifiers", "Unique identifiers").
    if (/^AROA[A-Z0-9]{12,}$/.test(value)) findings.push(makeFinding('INVALID_ROLE_REFERENCE', at(valuePath), { roleid: value }));
    if (/^AIDA[A-Z0-9]{12,}$/.test(value)) findings.push(makeFinding('INVALID_USER_REFERENCE', at(valuePath), { userid: value }));
  });
  p.service.forEach((value, i) => {
    const valuePath = principalPath(policy, statement, 'Service', i);
    if (/[*?]/.test(value)) {
      findings.push(makeFinding('UNSUPPORTED_WILDCARD_IN_PRINCIPAL', at(valuePath), { principal_key: 'Service' }));
    } else if (!isServicePrincipal(value)) {
      findings.push(
        makeFinding('INVALID_SERVICE_PRINCIPAL_FORMAT', at(valuePath), { expectedFormat: 'service-name.amazonaws.com' }),
      );
    }
  });
  p.federated.forEach((value, i) => {
    const valuePath = principalPath(policy, statement, 'Federated', i);
    if (!trust) {
      findings.push(makeFinding('FEDERATED_PRINCIPAL_NOT_SUPPORTED', at(valuePath)));
    } else if (/[*?]/.test(value)) {
      findings.push(makeFinding('UNSUPPORTED_WILDCARD_IN_PRINCIPAL', at(valuePath), { principal_key: 'Federated' }));
    } else if (!isFederatedPrincipal(value)) {
      findings.push(makeFinding('INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY', at(valuePath)));
    }
  });
  if (trust) findings.push(...redundantSessionPrincipals(ctx, statement));
  else findings.push(...checkServicePrincipalSource(ctx, statement));
  [...p.aws, ...p.federated, ...p.service, ...p.canonicalUser].forEach((value) => {
    const variable = /\$\{[^}]*\}?/.exec(value);
    if (variable !== null) findings.push(makeFinding('VARIABLE_UNSUPPORTED_IN_ELEMENT', at(path), { variable: variable[0] }));
  });
  return findings;
}

const SOURCE_KEYS = new Set(['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths']);

/**
 * A resource policy that lets a service principal act without naming the source resource, account or
 * organization invites the confused deputy problem (IAM User Guide, "The confused deputy problem").
 */
function checkServicePrincipalSource(ctx: AnalysisContext, statement: Statement): Finding[] {
  const services = statement.principal?.principals.service ?? [];
  if (statement.effect !== 'Allow' || statement.principal?.kind !== 'Principal' || services.length === 0) return [];
  const keys = statement.conditions.map((c) => c.key);
  if (keys.some((k) => SOURCE_KEYS.has(k.toLowerCase()))) return [];
  const path = at(principalPath(ctx.policy, statement, 'Service'));
  const referer = keys.find((k) => k.toLowerCase() === 'aws:referer');
  if (referer !== undefined) {
    return services.map((service) =>
      makeFinding('RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', path, {
        servicePrincipalPrefix: service.split('.')[0] ?? service,
        key: referer,
      }),
    );
  }
  return [makeFinding('RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', path)];
}

/** A service principal: `service-name.amazonaws.com` or a partition's equivalent, in lower case. */
export function isServicePrincipal(value: string): boolean {
  return /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com(\.cn)?|amazon\.com|c2s\.ic\.gov|sc2s\.sgov\.gov)$/.test(value);
}

/** A federated principal: an OIDC or SAML provider ARN, or an identity provider's domain name. */
function isFederatedPrincipal(value: string): boolean {
  if (/^arn:[a-z-]+:iam::\d{12}:(oidc-provider|saml-provider)\/.+$/.test(value)) return true;
  return /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(\/\S*)?$/.test(value);
}

function redundantSessionPrincipals(ctx: AnalysisContext, statement: Statement): Finding[] {
  const aws = statement.principal?.principals.aws ?? [];
  const findings: Finding[] = [];
  aws.forEach((value, i) => {
    const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(value);
    if (session === null) return;
    const [, partition, account, roleName] = session;
    const parent = aws.find((v) => {
      const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(v);
      return role !== null && role[1] === partition && role[2] === account && role[3] === roleName;
    });
    if (parent !== undefined) {
      findings.push(
        makeFinding('REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY', at(principalPath(ctx.policy, statement, 'AWS', i)), {
          redundant_principal: value,
          parent_role: parent,
        }),
      );
    }
  });
  return findings;
}
