// The front door of the AWS Query and JSON 1.1 services (IAM, STS, Organizations): which service a
// request is for (its SigV4 credential scope, its X-Amz-Target, or its Action for unsigned STS calls),
// signature verification, input decoding, the operation, and the response — every step with AWS's errors.
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import {
  IAM_SERVICE,
  ORGANIZATIONS_TARGET_PREFIX,
  STS_SERVICE,
  awsError,
  decodeJsonInput,
  decodeQueryInput,
  isAwsError,
  isAwsRegion,
  jsonErrorResponse,
  jsonResponse,
  parseJsonRequest,
  parseQueryRequest,
  queryErrorResponse,
  queryResponse,
  sha256Hex,
  toAwsError,
  unknownAction,
  verifySigV4,
  type AwsError,
  type QueryService,
  type SigV4Dialect,
  type WireResponse,
} from '../aws/index.ts';
import type { AuditNotes, CallContext, CallRecorder, Operation, ServiceDefinition, ServiceSettings } from '../api/index.ts';
import { accessDeniedMessage, authorizeCall, resolveCaller, type Caller, type RequestFacts, type SessionKeyring } from '../identity/index.ts';
import type { Store } from '../store/index.ts';
import type { SnapshotHolder } from './snapshot-holder.ts';

/** What the API door needs. */
export interface ApiDoorDeps {
  readonly services: readonly ServiceDefinition[];
  readonly holder: SnapshotHolder;
  readonly keyring: () => SessionKeyring;
  readonly store: Store;
  readonly settings: ServiceSettings;
  readonly record: CallRecorder;
  readonly now: () => Date;
  readonly logger: Logger;
}

const QUERY_SERVICES: Record<string, QueryService> = { iam: IAM_SERVICE, sts: STS_SERVICE };

/** The signing name in a request's SigV4 credential (header or presigned form), if it is signed. */
export function credentialScope(req: IncomingMessage): { service: string; region: string } | undefined {
  const auth = req.headers.authorization;
  let credential: string | undefined;
  if (auth !== undefined) credential = /Credential=([^,\s]+)/.exec(auth)?.[1];
  else {
    const q = req.url?.indexOf('?') ?? -1;
    if (q >= 0) credential = new URLSearchParams(req.url?.slice(q + 1)).get('X-Amz-Credential') ?? undefined;
  }
  if (credential === undefined) return undefined;
  const parts = credential.split('/');
  if (parts.length < 5) return { service: '', region: '' };
  return { region: parts[parts.length - 3] ?? '', service: parts[parts.length - 2] ?? '' };
}

/** True when the request is for the Query/JSON door (not S3's REST shape). */
export function isApiRequest(req: IncomingMessage): boolean {
  if (req.headers['x-amz-target'] !== undefined) return true;
  const scope = credentialScope(req);
  if (scope !== undefined) return scope.service !== 's3';
  const path = (req.url ?? '/').split('?')[0];
  if (path !== '/') return false;
  const type = req.headers['content-type'] ?? '';
  return req.method === 'POST' ? type.startsWith('application/x-www-form-urlencoded') : /[?&]Action=/.test(req.url ?? '');
}

function sourceIpOf(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? '127.0.0.1';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/** Handles one API request whose body has been read. */
export async function handleApiRequest(req: IncomingMessage, body: Buffer, requestId: string, deps: ApiDoorDeps): Promise<WireResponse> {
  const now = deps.now();
  const scope = credentialScope(req);
  const target = req.headers['x-amz-target'];
  const targetText = Array.isArray(target) ? target[0] : target;
  let service: ServiceDefinition | undefined;
  if (targetText !== undefined) {
    service = deps.services.find((s) => s.protocol === 'json' && targetText.startsWith(`${s.targetPrefix ?? ORGANIZATIONS_TARGET_PREFIX}.`));
  } else if (scope !== undefined) {
    service = deps.services.find((s) => s.signingName === scope.service);
  } else {
    service = deps.services.find((s) => s.signingName === 'sts');
  }
  const protocol: 'query' | 'json' = service?.protocol ?? (targetText !== undefined ? 'json' : 'query');
  const querySvc = QUERY_SERVICES[service?.signingName ?? 'sts'] ?? STS_SERVICE;
  const fail = (error: AwsError): WireResponse =>
    protocol === 'json' ? jsonErrorResponse(error, requestId) : queryErrorResponse(querySvc, error, requestId);

  const facts: RequestFacts = {
    sourceIp: sourceIpOf(req),
    secureTransport: 'encrypted' in req.socket && req.socket.encrypted === true,
    region: scope?.region !== undefined && scope.region !== '' ? scope.region : deps.settings.defaultRegion,
    now,
    userAgent: req.headers['user-agent'] ?? '',
  };
  const notes: AuditNotes = { resources: [] };
  let op: Operation | undefined;
  let caller: Caller | undefined;
  let input: unknown;
  let output: unknown;
  let error: AwsError | undefined;
  try {
    if (service === undefined) throw awsError('InvalidAction', `Could not find a service for the request${scope !== undefined ? ` (credential scope service '${scope.service}')` : ''}.`);
    // Decode the operation first: unsigned calls are allowed only for operations marked unsigned.
    let params: Parameters<typeof decodeQueryInput>[0] | undefined;
    let jsonInput: unknown;
    if (protocol === 'query') {
      const parsed = parseQueryRequest({ method: req.method ?? 'GET', url: req.url ?? '/', contentType: req.headers['content-type'], body });
      if (!parsed.ok) throw parsed.error;
      op = service.operations.get(parsed.request.action);
      if (op === undefined) throw unknownAction(parsed.request.action, parsed.request.version);
      params = parsed.request.params;
    } else {
      const parsed = parseJsonRequest({ target: targetText, body }, service.targetPrefix ?? ORGANIZATIONS_TARGET_PREFIX);
      if (!parsed.ok) throw parsed.error;
      op = service.operations.get(parsed.request.operation);
      if (op === undefined) throw awsError('UnknownOperationException', undefined);
      jsonInput = parsed.request.input;
    }
    const dialect: SigV4Dialect = protocol;
    if (scope !== undefined) {
      const verified = await verifySigV4(
        { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headersDistinct, bodySha256: sha256Hex(body) },
        {
          dialect,
          service: service.signingName,
          // One endpoint serves every region: any AWS Region (or the configured one) is accepted in the scope;
          // anything else is refused as AWS does ("Credential should be scoped to a valid region, not 'X'.").
          regions: isAwsRegion(facts.region) || facts.region === deps.settings.defaultRegion ? [facts.region] : [deps.settings.defaultRegion],
          now: now.getTime(),
          lookup: async (accessKeyId, token) => resolveCaller(deps.holder.current, deps.keyring(), accessKeyId, token, now.getTime(), dialect),
        },
      );
      if (!verified.ok) throw verified.error;
      if (!verified.anonymous) caller = verified.credential;
      // STS API Reference, "GetSessionToken": its credentials "cannot call any IAM API operations unless
      // MFA authentication information is included in the request"; IAM refuses them as an invalid token.
      if (service.signingName === 'iam' && caller?.session?.via === 'GetSessionToken' && caller.session.mfa !== true) {
        throw awsError('InvalidClientTokenId', undefined, { detail: 'GetSessionToken credentials without MFA cannot call IAM' });
      }
    } else if (op.unsigned !== true) {
      throw protocol === 'json'
        ? awsError('MissingAuthenticationTokenException', 'Missing Authentication Token')
        : awsError('MissingAuthenticationToken', 'Request is missing Authentication Token');
    }
    const decoded = protocol === 'query' && params !== undefined ? decodeQueryInput(params, op.input) : decodeJsonInput(jsonInput, op.input);
    if (!decoded.ok) throw decoded.error;
    input = decoded.value;
    const ctx = callContext(deps, requestId, now, caller, facts, notes);
    output = await op.run(ctx, decoded.value as never);
    if (protocol === 'json') return jsonResponse(requestId, op.output !== undefined && output !== undefined ? { shape: op.output, value: output as never } : undefined);
    return queryResponse(querySvc, op.name, requestId, op.output !== undefined && output !== undefined ? { shape: op.output, value: output as never } : undefined);
  } catch (thrown) {
    error = toAwsError(thrown);
    if (!isAwsError(thrown)) deps.logger.error({ requestId, err: thrown }, 'operation failed');
    else if (error.detail !== undefined) deps.logger.info({ requestId, code: error.code, detail: error.detail }, 'request refused');
    return fail(error);
  } finally {
    if (op !== undefined && service !== undefined) {
      deps.record({
        requestId,
        eventTime: now,
        eventSource: service.eventSource,
        eventName: op.name,
        region: facts.region,
        sourceIp: facts.sourceIp,
        userAgent: facts.userAgent ?? '',
        readOnly: op.readOnly,
        eventCategory: 'Management',
        caller,
        requestParameters: input === undefined ? null : op.audit?.requestParameters !== undefined ? op.audit.requestParameters(input as never) : input,
        responseElements: error !== undefined || output === undefined ? null : op.audit?.responseElements !== undefined ? op.audit.responseElements(output as never) : null,
        ...(error !== undefined ? { errorCode: error.code, errorMessage: error.message } : {}),
        notes,
      });
    }
  }
}

function callContext(deps: ApiDoorDeps, requestId: string, now: Date, caller: Caller | undefined, facts: RequestFacts, notes: AuditNotes): CallContext {
  let snapshot = deps.holder.current;
  return {
    requestId,
    now,
    caller,
    facts,
    region: facts.region,
    get snapshot() {
      return snapshot;
    },
    store: deps.store,
    keyring: deps.keyring(),
    settings: deps.settings,
    audit: notes,
    authorize(query) {
      const who = this.requireCaller();
      const result = authorizeCall(snapshot, who, facts, query);
      if (result.decision.decision === 'allowed') return;
      const explanation = result.explanation;
      const message =
        explanation === undefined
          ? `User: ${who.principal.arn} is not authorized to perform: ${query.action} on resource: ${query.resource}`
          : accessDeniedMessage(who.principal.arn, query.action, query.resource, explanation);
      throw awsError('AccessDenied', message, { detail: explanation?.summary });
    },
    async refresh() {
      snapshot = await deps.holder.refresh();
      return snapshot;
    },
    requireCaller() {
      if (caller === undefined) throw awsError('MissingAuthenticationToken', 'Request is missing Authentication Token');
      return caller;
    },
  };
}
