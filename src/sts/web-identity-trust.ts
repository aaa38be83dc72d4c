// The trust check of AssumeRoleWithWebIdentity. The caller is not an AWS principal but a web identity
// federated through the role account's IAM OIDC provider (IAM User Guide, "Policy evaluation logic":
// such principals have no identity-based policies, so only the role's trust policy can grant, and the
// account's resource control policies can still deny). The request context carries the token's keys
// (`<provider>:sub`, `:aud`, `:amr`, ...), `aws:FederatedProvider`, the `sts:` keys and the global keys
// of the request itself (IAM User Guide, "AWS global condition context keys"). Refusals say only
// "Not authorized to perform <action>", as STS does: nothing about the role or its policy.
import { awsError } from '../aws/index.ts';
import type { IamSnapshot, RequestFacts, RoleEntry } from '../identity/index.ts';
import { RequestContext, decide, explain, prepareRequest, type ContextValue, type PolicySet, type RequestPrincipal } from '../policy/index.ts';

/** The global condition keys of an unsigned request. */
export function requestFactsContext(facts: RequestFacts): Record<string, ContextValue> {
  const ctx: Record<string, ContextValue> = {
    'aws:CurrentTime': facts.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(facts.now.getTime() / 1000)),
    'aws:SecureTransport': facts.secureTransport ? 'true' : 'false',
    'aws:SourceIp': facts.sourceIp,
    'aws:RequestedRegion': facts.region,
    'aws:PrincipalIsAWSService': 'false',
    'aws:ViaAWSService': 'false',
  };
  if (facts.userAgent !== undefined) ctx['aws:UserAgent'] = facts.userAgent;
  return ctx;
}

/**
 * Checks every action (`sts:AssumeRoleWithWebIdentity`, and `sts:TagSession` / `sts:SetSourceIdentity`
 * when the token sets tags or a source identity) against the role's trust policy for the federated
 * principal; throws AccessDenied on the first refusal, with the explanation kept private.
 */
export function authorizeWebIdentity(
  snapshot: IamSnapshot,
  role: RoleEntry,
  providerArn: string,
  context: Readonly<Record<string, ContextValue>>,
  actions: readonly string[],
): void {
  const accountId = role.role.accountId;
  const principal: RequestPrincipal = { type: 'WebIdentity', arn: providerArn, federatedProvider: providerArn, accountId };
  const rcps = snapshot.accounts.get(accountId)?.rcps;
  const set: PolicySet = {
    ...(role.trust !== undefined ? { resourcePolicy: role.trust } : {}),
    resourcePolicyRequired: true,
    ...(rcps !== undefined ? { rcps } : {}),
  };
  const requestContext = new RequestContext(context);
  for (const action of actions) {
    const request = prepareRequest({ principal, action, resource: role.arn, resourceAccount: accountId, context: requestContext });
    if (decide(set, request).decision === 'allowed') continue;
    throw awsError('AccessDenied', `Not authorized to perform ${action}`, { detail: explain(set, request).summary });
  }
}
