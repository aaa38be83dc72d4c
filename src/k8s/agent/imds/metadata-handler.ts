// The instance metadata service as pods see it through the agent (Amazon EC2 User Guide, "Use the
// Instance Metadata Service to access instance metadata" and "Retrieve security credentials from
// instance metadata"). Answers:
//   PUT /latest/api/token          IMDSv2 token; 400 without a valid TTL, 403 with X-Forwarded-For
//   GET with a token header         401 when the token is not valid for this caller
//   iam/security-credentials[/]     the pod's role name; 404 for an unknown pod or a pod without role
//   iam/security-credentials/<r>    the pod's credentials; 403 when <r> is not the pod's role
//   iam/info, iam/                  the pod's instance-profile view and the iam listing
//   anything else                   proxied when the allow-list allows it, else 404
// A pod whose role its namespace does not allow gets 404 with kube2iam's message, as kube2iam answers
// (its role mapping fails for the IP, so the pod has no role); an IP two live pods claim gets 503
// until the watch settles.
import type { RoleArn } from '../../../aws/arn/index.ts';
import type { PodView } from '../pods/pod-view.ts';
import type { IpOwner, PodIndex } from '../pods/pod-index.ts';
import type { PodRoles } from '../roles/pod-roles.ts';
import type { RoleDecision } from '../roles/decide-role.ts';
import { designatesRole } from '../roles/role-reference.ts';
import type { PodCredentials } from '../credentials/pod-credentials.ts';
import type { FetchAnswer } from '../credentials/credential-cache.ts';
import type { IssuedCredentials } from '../sts/role-assumer.ts';
import { textResponse, type AgentRequest, type AgentResponse, type AnswerFacts } from '../http/agent-request.ts';
import { metadataAssumeRoleErrorDocument, metadataCredentialsDocument, metadataInfoDocument } from './credential-documents.ts';
import type { MetadataAllowList } from './metadata-allow-list.ts';
import { parseMetadataPath } from './metadata-path.ts';
import { MetadataTokens } from './metadata-token.ts';
import type { MetadataUpstream } from './metadata-upstream.ts';

/** What the metadata handler works with. */
export interface MetadataHandlerDeps {
  readonly pods: PodIndex;
  readonly roles: PodRoles;
  readonly credentials: PodCredentials;
  readonly tokens: MetadataTokens;
  readonly upstream: MetadataUpstream;
  readonly allowList: MetadataAllowList;
  /** IMDSv2 required (`HttpTokens=required`): GETs without a token get 401. */
  readonly tokensRequired: boolean;
  /** How long a request from an IP no pod holds waits for the watch to report one. */
  readonly podWaitMs: number;
  readonly now: () => number;
}

/** A handler that answers synchronously when it can (cache hits) and with a promise otherwise. */
export type Handler = (req: AgentRequest) => AgentResponse | Promise<AgentResponse>;

const EC2WS = { server: 'EC2ws' };

/** Builds the instance-metadata handler. */
export function createMetadataHandler(deps: MetadataHandlerDeps): Handler {
  return (req) => {
    const path = parseMetadataPath(req.target);
    const method = req.method;
    switch (path.kind) {
      case 'malformed':
        return textResponse(400, 'Bad Request', { handler: 'metadata-proxy', reason: 'malformed path' }, EC2WS);
      case 'token':
        if (method !== 'PUT') return textResponse(405, 'Method Not Allowed', { handler: 'metadata-token', reason: 'token needs PUT' }, { ...EC2WS, allow: 'PUT' });
        return withOwner(deps, req, (owner) => putToken(deps, req, owner));
      case 'iam-listing':
      case 'iam-info':
      case 'role-name':
      case 'role-credentials':
        if (method !== 'GET' && method !== 'HEAD') return textResponse(405, 'Method Not Allowed', { handler: 'metadata-credentials' }, { ...EC2WS, allow: 'GET, HEAD' });
        return withOwner(deps, req, (owner) => {
          const refused = checkToken(deps, req, owner);
          if (refused !== undefined) return refused;
          return iam(deps, req, path.kind === 'role-credentials' ? { kind: path.kind, role: path.role } : { kind: path.kind }, owner);
        });
      case 'other': {
        if (method !== 'GET' && method !== 'HEAD') return textResponse(405, 'Method Not Allowed', { handler: 'metadata-proxy' }, { ...EC2WS, allow: 'GET, HEAD' });
        const owner = deps.pods.ownerOf(req.clientIp);
        const refused = checkToken(deps, req, owner);
        if (refused !== undefined) return refused;
        if (!deps.allowList.allows(path.rest)) return textResponse(404, 'Not Found', { handler: 'metadata-proxy', pod: podOf(owner), reason: 'not in the allow-list' }, EC2WS);
        return proxy(deps, `/${path.version}/${path.rest}`, owner);
      }
      default: {
        const never: never = path;
        return never;
      }
    }
  };
}

function withOwner(deps: MetadataHandlerDeps, req: AgentRequest, then: (owner: IpOwner) => AgentResponse | Promise<AgentResponse>): AgentResponse | Promise<AgentResponse> {
  const owner = deps.pods.ownerOf(req.clientIp);
  if (owner.kind !== 'unknown' || deps.podWaitMs <= 0) return then(owner);
  return deps.pods.waitForOwner(req.clientIp, deps.podWaitMs).then(then);
}

function subjectOf(req: AgentRequest, owner: IpOwner): string {
  return `${req.clientIp}|${owner.kind === 'pod' ? owner.pod.uid : ''}`;
}

function podOf(owner: IpOwner): PodView | undefined {
  return owner.kind === 'pod' ? owner.pod : undefined;
}

function putToken(deps: MetadataHandlerDeps, req: AgentRequest, owner: IpOwner): AgentResponse {
  const facts: AnswerFacts = { handler: 'metadata-token', pod: podOf(owner) };
  // IMDS does not issue tokens to requests that carry X-Forwarded-For (they came through a proxy).
  if (req.headers['x-forwarded-for'] !== undefined) return textResponse(403, 'Forbidden', { ...facts, reason: 'X-Forwarded-For on a token request' }, EC2WS);
  const ttl = MetadataTokens.parseTtl(single(req.headers['x-aws-ec2-metadata-token-ttl-seconds']));
  if (ttl === undefined) return textResponse(400, 'Bad Request', { ...facts, reason: 'missing or invalid token TTL' }, EC2WS);
  return textResponse(200, deps.tokens.mint(subjectOf(req, owner), ttl), facts, { ...EC2WS, 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) });
}

function checkToken(deps: MetadataHandlerDeps, req: AgentRequest, owner: IpOwner): AgentResponse | undefined {
  const token = single(req.headers['x-aws-ec2-metadata-token']);
  if (token === undefined) {
    if (!deps.tokensRequired) return undefined;
    return textResponse(401, 'Unauthorized', { handler: 'metadata-credentials', pod: podOf(owner), reason: 'IMDSv2 token required' }, EC2WS);
  }
  if (deps.tokens.verify(token, subjectOf(req, owner))) return undefined;
  return textResponse(401, 'Unauthorized', { handler: 'metadata-credentials', pod: podOf(owner), reason: 'token not valid for this caller' }, EC2WS);
}

type IamAsk = { kind: 'iam-listing' } | { kind: 'iam-info' } | { kind: 'role-name' } | { kind: 'role-credentials'; role: string };

function iam(deps: MetadataHandlerDeps, req: AgentRequest, ask: IamAsk, owner: IpOwner): AgentResponse | Promise<AgentResponse> {
  if (owner.kind === 'unknown') return textResponse(404, 'Not Found', { handler: 'metadata-credentials', reason: 'no running pod has this IP' }, EC2WS);
  if (owner.kind === 'duplicate') {
    return textResponse(503, 'Service Unavailable', { handler: 'metadata-credentials', reason: `IP claimed by ${owner.pods.map((p) => `${p.namespace}/${p.name}`).join(', ')}` }, EC2WS);
  }
  const pod = owner.pod;
  const decision = deps.roles.metadataRole(pod);
  const refused = refuse(decision, pod, req.clientIp);
  if (refused !== undefined) return refused;
  if (decision.kind !== 'role') return textResponse(404, 'Not Found', { handler: 'metadata-credentials', pod }, EC2WS);
  const role = decision.role;
  const facts: AnswerFacts = { handler: 'metadata-credentials', pod, role: role.arn };
  switch (ask.kind) {
    case 'iam-listing':
      return textResponse(200, 'info\nsecurity-credentials/', facts, EC2WS);
    case 'role-name':
      return textResponse(200, role.name, facts, EC2WS);
    case 'iam-info': {
      const request = deps.credentials.request(pod, role, decision.externalId);
      const cached = deps.credentials.cache.lookup(request.key);
      return textResponse(200, metadataInfoDocument(role, cached?.issuedAt ?? deps.now()), facts, EC2WS);
    }
    case 'role-credentials': {
      if (!designatesRole(ask.role, role, deps.roles.rules.baseRoleArn)) {
        return textResponse(403, 'Forbidden', { ...facts, reason: `asked for role ${ask.role}` }, EC2WS);
      }
      const request = deps.credentials.request(pod, role, decision.externalId);
      const got = deps.credentials.get(request);
      if (!(got instanceof Promise)) return credentialsAnswer(got, facts, 'hit');
      return got.then((answer) => fetched(deps, answer, facts, role));
    }
    default: {
      const never: never = ask;
      return never;
    }
  }
}

function refuse(decision: RoleDecision, pod: PodView, clientIp: string): AgentResponse | undefined {
  switch (decision.kind) {
    case 'role':
    case 'no-role':
      return undefined;
    case 'invalid-role':
      return textResponse(404, 'Not Found', { handler: 'metadata-credentials', pod, reason: `role annotation is not a role: ${decision.value}` }, EC2WS);
    case 'not-allowed':
      // kube2iam (server.go): http.Error(w, "role requested <arn> not valid for namespace of pod at <ip>
      // with namespace <ns>", http.StatusNotFound), on the role listing and the credentials path alike.
      return textResponse(
        404,
        `role requested ${decision.role.arn} not valid for namespace of pod at ${clientIp} with namespace ${pod.namespace}`,
        { handler: 'metadata-credentials', pod, role: decision.role.arn, reason: 'role not allowed in the namespace' },
        EC2WS,
      );
    default: {
      const never: never = decision;
      return never;
    }
  }
}

function credentialsAnswer(credentials: IssuedCredentials, facts: AnswerFacts, cache: 'hit' | 'miss'): AgentResponse {
  return { status: 200, headers: { 'content-type': 'text/plain', ...EC2WS }, body: metadataCredentialsDocument(credentials), facts: { ...facts, cache } };
}

function fetched(deps: MetadataHandlerDeps, answer: FetchAnswer, facts: AnswerFacts, role: RoleArn): AgentResponse {
  if (answer.kind === 'credentials') return credentialsAnswer(answer.credentials, facts, 'miss');
  const f = answer.failure;
  const cache = answer.cached ? 'negative' : 'miss';
  const detail = `${f.code}: ${f.message}`;
  if (f.kind === 'denied') {
    return textResponse(200, metadataAssumeRoleErrorDocument(role, deps.now()), { ...facts, cache, reason: 'STS refused AssumeRole', detail }, EC2WS);
  }
  return textResponse(503, 'Service Unavailable', { ...facts, cache, reason: `STS ${f.kind}`, detail }, EC2WS);
}

async function proxy(deps: MetadataHandlerDeps, path: string, owner: IpOwner): Promise<AgentResponse> {
  const facts: AnswerFacts = { handler: 'metadata-proxy', pod: podOf(owner) };
  try {
    const res = await deps.upstream.get(path);
    return { status: res.status, headers: { 'content-type': res.contentType ?? 'text/plain', ...EC2WS }, body: res.body, facts };
  } catch (err) {
    return textResponse(502, 'Bad Gateway', { ...facts, reason: 'metadata service unreachable', detail: String(err) }, EC2WS);
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
