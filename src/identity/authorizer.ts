// Authorization of one API call: the caller's policies from the snapshot, the resource's policy from the
// service, the organisation's SCPs and RCPs, the request context with AWS's global condition keys —
// decided by the policy engine, explained when refused.
import {
  RequestContext,
  decide,
  explain,
  loadPolicy,
  prepareRequest,
  type CompiledPolicy,
  type ContextValue,
  type Decision,
  type Explanation,
  type PolicySet,
} from '../policy/index.ts';
import type { Caller } from './caller.ts';
import type { IamSnapshot } from './snapshot.ts';

/** What a service asks: may the caller do this action on this resource? */
export interface AuthorizationQuery {
  readonly action: string;
  readonly resource: string;
  /** The account owning the resource; defaults to the caller's. */
  readonly resourceAccount?: string;
  readonly resourcePolicy?: CompiledPolicy;
  /** Role trust policies: the resource policy must allow, whatever the identity policies say. */
  readonly resourcePolicyRequired?: boolean;
  /** Service-specific condition keys (`s3:prefix`, `sts:ExternalId`, `aws:RequestTag/…`, ...). */
  readonly context?: Readonly<Record<string, ContextValue>>;
}

/** Facts about the request itself that global condition keys report. */
export interface RequestFacts {
  readonly sourceIp: string;
  readonly secureTransport: boolean;
  readonly region: string;
  readonly now: Date;
  readonly userAgent?: string;
}

/** The outcome: the decision, and for refusals the explanation (for AccessDenied texts and audit). */
export interface Authorization {
  readonly decision: Decision;
  readonly explanation?: Explanation;
}

/** Session policies are compiled once per session token text and kept for a while. */
const sessionPolicyCache = new Map<string, CompiledPolicy | null>();
const SESSION_CACHE_LIMIT = 10_000;

function sessionInlinePolicy(text: string): CompiledPolicy | undefined {
  let entry = sessionPolicyCache.get(text);
  if (entry === undefined) {
    const loaded = loadPolicy(text, { policyType: 'SESSION_POLICY', source: { id: 'session policy', kind: 'SessionPolicy' } });
    entry = loaded.ok ? loaded.policy : null;
    if (sessionPolicyCache.size >= SESSION_CACHE_LIMIT) sessionPolicyCache.clear();
    sessionPolicyCache.set(text, entry);
  }
  return entry ?? undefined;
}

/** The policies that bear on the caller (identity side) and the resource's account (RCPs). */
export function policySetFor(snapshot: IamSnapshot, caller: Caller, query: AuthorizationQuery): PolicySet {
  const p = caller.principal;
  let identity: readonly CompiledPolicy[] | undefined;
  let boundary: CompiledPolicy | undefined;
  if (p.type === 'User') {
    const user = snapshot.usersById.get(caller.session?.p.userId ?? caller.userId);
    identity = user?.policies ?? [];
    boundary = user?.boundary;
  } else if (p.type === 'AssumedRole' && caller.roleArn !== undefined) {
    const role = snapshot.roleByArn(caller.roleArn);
    identity = role?.policies ?? [];
    boundary = role?.boundary;
  } else if (p.type === 'FederatedUser') {
    identity = [];
  }
  let sessionPolicies: CompiledPolicy[] | undefined;
  const sp = caller.session?.sp;
  if (sp !== undefined && (sp.inline !== undefined || (sp.arns?.length ?? 0) > 0)) {
    sessionPolicies = [];
    if (sp.inline !== undefined) {
      const compiled = sessionInlinePolicy(sp.inline);
      if (compiled !== undefined) sessionPolicies.push(compiled);
    }
    for (const arn of sp.arns ?? []) {
      const compiled = snapshot.managedPolicy(arn);
      if (compiled !== undefined) sessionPolicies.push(compiled);
    }
  }
  const callerAccount = p.accountId === undefined ? undefined : snapshot.accounts.get(p.accountId);
  const resourceAccount = snapshot.accounts.get(query.resourceAccount ?? p.accountId ?? '');
  return {
    ...(identity !== undefined ? { identity } : {}),
    ...(boundary !== undefined ? { permissionsBoundary: boundary } : {}),
    ...(sessionPolicies !== undefined ? { sessionPolicies } : {}),
    ...(query.resourcePolicy !== undefined ? { resourcePolicy: query.resourcePolicy } : {}),
    ...(query.resourcePolicyRequired === true ? { resourcePolicyRequired: true } : {}),
    ...(callerAccount?.scps !== undefined ? { scps: callerAccount.scps } : {}),
    ...(resourceAccount?.rcps !== undefined ? { rcps: resourceAccount.rcps } : {}),
  };
}

/**
 * The global condition keys of a request (IAM User Guide, "AWS global condition context keys"):
 * principal keys from the caller, session keys from its token, network and time keys from the request.
 */
export function globalContext(snapshot: IamSnapshot, caller: Caller, facts: RequestFacts): Record<string, ContextValue> {
  const p = caller.principal;
  const ctx: Record<string, ContextValue> = {
    'aws:CurrentTime': facts.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(facts.now.getTime() / 1000)),
    'aws:SecureTransport': facts.secureTransport ? 'true' : 'false',
    'aws:SourceIp': facts.sourceIp,
    'aws:RequestedRegion': facts.region,
    'aws:PrincipalIsAWSService': 'false',
    'aws:ViaAWSService': 'false',
    'aws:userid': caller.userId,
  };
  if (facts.userAgent !== undefined) ctx['aws:UserAgent'] = facts.userAgent;
  if (p.accountId !== undefined) {
    ctx['aws:PrincipalAccount'] = p.accountId;
    const account = snapshot.accounts.get(p.accountId);
    if (account?.organizationId !== undefined) ctx['aws:PrincipalOrgID'] = account.organizationId;
  }
  switch (p.type) {
    case 'Root':
      ctx['aws:PrincipalArn'] = p.arn;
      ctx['aws:PrincipalType'] = 'Account';
      break;
    case 'User':
      ctx['aws:PrincipalArn'] = p.arn;
      ctx['aws:PrincipalType'] = 'User';
      if (caller.userName !== undefined) ctx['aws:username'] = caller.userName;
      break;
    case 'AssumedRole':
      ctx['aws:PrincipalArn'] = caller.roleArn ?? p.arn;
      ctx['aws:PrincipalType'] = 'AssumedRole';
      break;
    case 'FederatedUser':
      ctx['aws:PrincipalArn'] = p.arn;
      ctx['aws:PrincipalType'] = 'FederatedUser';
      break;
    default:
      break;
  }
  for (const [k, v] of Object.entries(caller.tags)) ctx[`aws:PrincipalTag/${k}`] = v;
  const session = caller.session;
  if (session !== undefined) {
    ctx['aws:TokenIssueTime'] = new Date(session.iat * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    ctx['aws:MultiFactorAuthPresent'] = session.mfa === true ? 'true' : 'false';
    if (session.si !== undefined) ctx['aws:SourceIdentity'] = session.si;
    if (session.web !== undefined) ctx['aws:FederatedProvider'] = session.web.provider;
  }
  return ctx;
}

/** Decides a call; refusals come with their explanation. */
export function authorizeCall(snapshot: IamSnapshot, caller: Caller, facts: RequestFacts, query: AuthorizationQuery): Authorization {
  const set = policySetFor(snapshot, caller, query);
  const context = new RequestContext({ ...globalContext(snapshot, caller, facts), ...(query.context ?? {}) });
  const request = prepareRequest({
    principal: caller.principal,
    action: query.action,
    resource: query.resource,
    ...(query.resourceAccount !== undefined ? { resourceAccount: query.resourceAccount } : {}),
    context,
  });
  const decision = decide(set, request);
  if (decision.decision === 'allowed') return { decision };
  return { decision, explanation: explain(set, request) };
}
