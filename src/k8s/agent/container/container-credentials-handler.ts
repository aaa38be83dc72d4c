// The container-credentials endpoint (`AWS_CONTAINER_CREDENTIALS_FULL_URI`, as the EKS Pod Identity
// Agent serves it at http://169.254.170.23/v1/credentials): the SDK sends the content of
// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (the pod's projected service-account token) as the
// `Authorization` header and reads AccessKeyId, SecretAccessKey, Token, AccountId and Expiration.
// The pod is the one the verified token is bound to, not the source IP; the IP is only used to
// refuse a token presented from another pod's address (a token that leaked to a neighbour).
// Answers, with the status codes the EKS Pod Identity Agent relays from EKS Auth
// (AssumeRoleForPodIdentity: InvalidTokenException and ExpiredTokenException are 400,
// ResourceNotFoundException 404): 400 without a token or for one the API server does not vouch for,
// 404 for a pod this agent does not serve or whose service account names no role, 403 for a role the
// namespace does not allow or a token from another pod's IP, 503 when the API server or STS cannot
// answer. Error bodies are JSON `{"Code", "Message"}`, the fields the SDKs' HTTP credential provider
// (@aws-sdk/credential-provider-http) reads from a 4xx answer and attaches to its error.
import type { PodIndex } from '../pods/pod-index.ts';
import { isLive } from '../pods/pod-view.ts';
import type { PodRoles } from '../roles/pod-roles.ts';
import type { PodCredentials } from '../credentials/pod-credentials.ts';
import type { FetchAnswer } from '../credentials/credential-cache.ts';
import { containerCredentialsDocument } from '../imds/credential-documents.ts';
import type { Handler } from '../imds/metadata-handler.ts';
import { type AgentResponse, type AnswerFacts } from '../http/agent-request.ts';
import type { ServiceAccountTokenVerifier } from './service-account-token.ts';

/** What the container-credentials handler works with. */
export interface ContainerCredentialsDeps {
  readonly pods: PodIndex;
  readonly roles: PodRoles;
  readonly credentials: PodCredentials;
  readonly verifier: ServiceAccountTokenVerifier;
  /** The node this agent serves (pods elsewhere are refused); undefined serves any watched pod. */
  readonly nodeName: string | undefined;
}

/** Error codes, named as EKS Auth names its exceptions. */
type ErrorCode = 'InvalidTokenException' | 'ResourceNotFoundException' | 'AccessDeniedException' | 'ServiceUnavailableException' | 'MethodNotAllowed';
const INVALID_TOKEN: ErrorCode = 'InvalidTokenException';
const NOT_FOUND: ErrorCode = 'ResourceNotFoundException';
const ACCESS_DENIED: ErrorCode = 'AccessDeniedException';
const UNAVAILABLE: ErrorCode = 'ServiceUnavailableException';

/** The path of the endpoint. */
export const CONTAINER_CREDENTIALS_PATH = '/v1/credentials';

/** Builds the container-credentials handler. */
export function createContainerCredentialsHandler(deps: ContainerCredentialsDeps): Handler {
  return async (req) => {
    const base: AnswerFacts = { handler: 'container-credentials' };
    if (req.method !== 'GET') return jsonError(405, 'MethodNotAllowed', 'Method not allowed', base);
    const header = req.headers.authorization;
    const token = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
    if (token === '') return jsonError(400, INVALID_TOKEN, 'Service account token cannot be empty', { ...base, reason: 'no Authorization header' });
    const verdict = await deps.verifier.verify(token);
    if (!verdict.ok) {
      if (verdict.status === 503) return jsonError(503, UNAVAILABLE, 'Token verification unavailable', { ...base, reason: verdict.reason });
      return jsonError(400, INVALID_TOKEN, 'Service account token is not valid', { ...base, reason: verdict.reason });
    }
    const id = verdict.identity;
    const pod = deps.pods.byUid(id.podUid);
    if (pod === undefined || !isLive(pod) || (deps.nodeName !== undefined && pod.nodeName !== deps.nodeName)) {
      return jsonError(404, NOT_FOUND, 'Pod not served by this agent', { ...base, reason: `pod ${id.namespace}/${id.podName} (${id.podUid}) is not a running pod on this node` });
    }
    if (pod.namespace !== id.namespace || pod.name !== id.podName || pod.serviceAccount !== id.serviceAccount) {
      return jsonError(400, INVALID_TOKEN, 'Service account token is not valid', { ...base, pod, reason: 'token identity does not match the pod' });
    }
    const owner = deps.pods.ownerOf(req.clientIp);
    if ((owner.kind === 'pod' && owner.pod.uid !== pod.uid) || owner.kind === 'duplicate') {
      return jsonError(403, ACCESS_DENIED, 'Access denied', { ...base, pod, reason: `token presented from ${req.clientIp}, not the pod's address` });
    }
    const decision = deps.roles.containerRole(pod);
    switch (decision.kind) {
      case 'no-role':
        return jsonError(404, NOT_FOUND, 'No role for the service account', { ...base, pod, reason: 'service account names no role' });
      case 'invalid-role':
        return jsonError(404, NOT_FOUND, 'No role for the service account', { ...base, pod, reason: `service-account role is not a role ARN: ${decision.value}` });
      case 'not-allowed':
        return jsonError(403, ACCESS_DENIED, 'Access denied', { ...base, pod, role: decision.role.arn, reason: 'role not allowed in the namespace' });
      case 'role':
        break;
      default: {
        const never: never = decision;
        return never;
      }
    }
    const facts: AnswerFacts = { ...base, pod, role: decision.role.arn };
    const request = deps.credentials.request(pod, decision.role, undefined);
    const got = deps.credentials.get(request);
    if (!(got instanceof Promise)) return ok(got, facts, 'hit');
    return answerOf(await got, facts);
  };
}

function ok(credentials: Parameters<typeof containerCredentialsDocument>[0], facts: AnswerFacts, cache: 'hit' | 'miss'): AgentResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: containerCredentialsDocument(credentials), facts: { ...facts, cache } };
}

function answerOf(answer: FetchAnswer, facts: AnswerFacts): AgentResponse {
  if (answer.kind === 'credentials') return ok(answer.credentials, facts, 'miss');
  const f = answer.failure;
  const cache = answer.cached ? 'negative' : 'miss';
  const detail = `${f.code}: ${f.message}`;
  if (f.kind === 'denied') return jsonError(403, ACCESS_DENIED, 'The role could not be assumed', { ...facts, cache, reason: 'STS refused AssumeRole', detail });
  return jsonError(503, UNAVAILABLE, 'Credentials are temporarily unavailable', { ...facts, cache, reason: `STS ${f.kind}`, detail });
}

function jsonError(status: number, code: ErrorCode, message: string, facts: AnswerFacts): AgentResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Code: code, Message: message }), facts };
}
