// The S3 front door of `podiam serve`: address (path- or virtual-hosted style) -> operation ->
// SigV4 (header or presigned; or anonymous) with callers resolved like every other door -> the
// operation's handler, which authorizes and streams -> S3's error XML -> one CloudTrail record.
// Request bodies are never read before the handler decides to read them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { CallRecorder } from '../api/index.ts';
import { awsError, isAwsError, s3ErrorResponse, toAwsError, verifySigV4, type AwsError, type VerifiedRequest, type WireResponse } from '../aws/index.ts';
import type { Caller, IamSnapshot, RequestFacts, SessionKeyring } from '../identity/index.ts';
import type { Store } from '../store/index.ts';
import { s3Address } from './addressing.ts';
import { BlobStore } from './blob-store.ts';
import { BucketDirectory, type BucketEntry } from './bucket-directory.ts';
import { CallerCache } from './caller-cache.ts';
import { checkExpectedBucketOwner } from './expected-bucket-owner.ts';
import { s3CallRecord } from './call-audit.ts';
import { requestKeys, type RequestAuthentication } from './condition-keys.ts';
import { S3_HANDLERS } from './handlers.ts';
import { ObjectCache, uncachedObjects } from './object-cache.ts';
import { ObjectCommits } from './object-commits.ts';
import { S3_OPERATIONS, type S3OperationSpec } from './operations.ts';
import { RequestBody } from './request-body.ts';
import { isS3Request, signingScope } from './request-shape.ts';
import { routeS3Request } from './routing.ts';
import { authorizeS3 } from './s3-authorizer.ts';
import type { S3AuditNotes, S3Call, S3Services } from './s3-call.ts';

/** What the S3 door is built from (src/server's DoorDeps provides it). */
export interface S3DoorDeps {
  readonly store: Store;
  readonly holder: { readonly current: IamSnapshot; refresh(): Promise<IamSnapshot> };
  readonly keyring: () => SessionKeyring;
  readonly record: CallRecorder;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly dataDir: string;
  readonly settings: { readonly defaultRegion: string };
  /** Objects up to this many bytes are kept in their metadata row; default 64 KiB. */
  readonly inlineLimit?: number;
  /**
   * Keep read objects in memory: only when this process is their only writer. Default: for a
   * SQLite store (one server per data directory), not for PostgreSQL (replicas).
   */
  readonly cacheObjects?: boolean;
}

/** The door (structurally src/server's FrontDoor). */
export interface S3Door {
  readonly name: string;
  claims(req: IncomingMessage): boolean;
  handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<WireResponse | 'streamed'>;
}

const DEFAULT_INLINE_LIMIT = 64 * 1024;

function sourceIpOf(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? '127.0.0.1';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

// x-amz-id-2 is an opaque token S3 support reads; podiam's is the request ID's bytes, base64.
function hostIdOf(requestId: string): string {
  return Buffer.from(requestId.replaceAll('-', ''), 'hex').toString('base64');
}

// s3:TlsVersion: the negotiated version as a number ("TLSv1.3" -> "1.3"), for TLS connections only.
function tlsVersionOf(req: IncomingMessage): string | undefined {
  const socket = req.socket as { encrypted?: boolean; getProtocol?: () => string | null };
  if (socket.encrypted !== true || socket.getProtocol === undefined) return undefined;
  return /^TLSv(\d(?:\.\d)?)$/.exec(socket.getProtocol() ?? '')?.[1];
}

function one(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Builds the S3 door over the store and the data directory's `s3/` files. */
export function createS3Door(deps: S3DoorDeps): S3Door {
  const blobs = new BlobStore(join(deps.dataDir, 's3'));
  const opened = blobs.open();
  opened.catch((err: unknown) => deps.logger.error({ err }, 'S3 data directory could not be opened'));
  const buckets = new BucketDirectory(deps.store, () => deps.holder.current.revision);
  const load = (bucket: string, key: string) => deps.store.s3Objects.get(bucket, key);
  const objects = (deps.cacheObjects ?? deps.store.kind === 'sqlite') ? new ObjectCache(load) : uncachedObjects(load);
  const services: S3Services = {
    store: deps.store,
    blobs,
    buckets,
    commits: new ObjectCommits(deps.store.s3Objects),
    objects,
    async writing(bucket, key, write) {
      objects.forget(bucket, key);
      try {
        return await write();
      } finally {
        objects.forget(bucket, key);
      }
    },
    logger: deps.logger,
    defaultRegion: deps.settings.defaultRegion,
    inlineLimit: deps.inlineLimit ?? DEFAULT_INLINE_LIMIT,
    snapshot: () => deps.holder.current,
    refresh: async () => {
      await deps.holder.refresh();
    },
  };
  const callers = new CallerCache();
  return {
    name: 's3',
    claims: isS3Request,
    async handle(req, res, requestId) {
      await opened;
      return handleS3Request(req, res, requestId, deps, services, callers);
    },
  };
}

async function handleS3Request(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  deps: S3DoorDeps,
  services: S3Services,
  callers: CallerCache,
): Promise<WireResponse | 'streamed'> {
  const now = deps.now();
  const ids = { requestId, hostId: hostIdOf(requestId) };
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const head = req.method === 'HEAD';
  const scope = signingScope(req);
  const notes: S3AuditNotes = { bytesIn: 0, bytesOut: 0, responseElements: null, requestParameters: {}, additionalEventData: {} };
  let spec: S3OperationSpec | undefined;
  let caller: Caller | undefined;
  let verified: VerifiedRequest<Caller> | undefined;
  let bucketName: string | undefined;
  let key: string | undefined;
  let entry: BucketEntry | undefined;
  let error: AwsError | undefined;
  const facts: RequestFacts = {
    sourceIp: sourceIpOf(req),
    secureTransport: 'encrypted' in req.socket && req.socket.encrypted === true,
    region: scope?.region !== undefined && scope.region !== '' ? scope.region : deps.settings.defaultRegion,
    now,
    userAgent: one(req, 'user-agent') ?? '',
  };
  try {
    const address = s3Address(path, req.headers.host);
    if (isAwsError(address)) throw address;
    bucketName = address.bucket;
    key = address.key;
    const name = routeS3Request(req.method ?? 'GET', address, query, req.headers);
    if (isAwsError(name)) throw name;
    spec = S3_OPERATIONS[name];
    const known = bucketName === undefined || name === 'CreateBucket' ? undefined : await services.buckets.get(bucketName);
    entry = known;
    const verification = await verifySigV4(
      { method: req.method ?? 'GET', url, headers: req.headersDistinct },
      {
        dialect: 's3',
        service: 's3',
        regions: [known?.bucket.region ?? (scope?.region !== undefined && scope.region !== '' ? scope.region : deps.settings.defaultRegion)],
        now: now.getTime(),
        lookup: async (accessKeyId, token) => callers.resolve(deps.holder.current, deps.keyring(), accessKeyId, token, now.getTime()),
      },
    );
    if (!verification.ok) throw verification.error;
    if (!verification.anonymous) {
      verified = verification;
      caller = verification.credential;
    }
    const auth: RequestAuthentication =
      verified === undefined ? { kind: 'anonymous' } : { kind: verified.form, requestTime: verified.requestTime, contentSha256: one(req, 'x-amz-content-sha256') };
    const call = s3Call({ spec, req, res, ids, now, facts, bucketName, key, query, caller, verified, services, notes, keys: requestKeys(auth, now.getTime(), tlsVersionOf(req)) });
    return dated(await S3_HANDLERS[name](call), now);
  } catch (thrown) {
    error = toAwsError(thrown, 'InternalError');
    if (!isAwsError(thrown)) deps.logger.error({ requestId, err: thrown }, 'S3 request failed');
    else if (error.detail !== undefined) deps.logger.info({ requestId, code: error.code, detail: error.detail }, 'S3 request refused');
    if (res.headersSent) {
      res.destroy();
      return 'streamed';
    }
    const response = s3ErrorResponse(error, ids, { resource: path, head });
    // A request signed for another region than the bucket's names the bucket's in x-amz-bucket-region
    // too (Amazon S3 API Reference, "HeadBucket"): a HEAD has no body to carry <Region>, and the SDKs
    // re-sign for the region this header names.
    const region = error.fields['Region'];
    return dated(region === undefined ? response : { ...response, headers: { ...response.headers, 'x-amz-bucket-region': region } }, now);
  } finally {
    if (spec !== undefined) {
      const owner = entry?.bucket.accountId ?? (bucketName === undefined ? undefined : (await services.buckets.get(bucketName).catch(() => undefined))?.bucket.accountId);
      deps.record(
        s3CallRecord({
          spec,
          ids,
          eventTime: now,
          region: facts.region,
          sourceIp: facts.sourceIp,
          userAgent: facts.userAgent ?? '',
          host: one(req, 'host') ?? '',
          caller,
          verified,
          bucket: bucketName,
          key,
          owner,
          query,
          notes,
          error,
        }),
      );
    }
  }
}

// The Date header comes from the clock the signature was checked against, so that a client correcting
// its clock by the responses (the SDKs do) agrees with the server.
function dated(response: WireResponse | 'streamed', now: Date): WireResponse | 'streamed' {
  return response === 'streamed' ? response : { ...response, headers: { date: now.toUTCString(), ...response.headers } };
}

interface CallParts {
  readonly spec: S3OperationSpec;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly ids: { readonly requestId: string; readonly hostId: string };
  readonly now: Date;
  readonly facts: RequestFacts;
  readonly bucketName: string | undefined;
  readonly key: string | undefined;
  readonly query: URLSearchParams;
  readonly caller: Caller | undefined;
  readonly verified: VerifiedRequest<Caller> | undefined;
  readonly services: S3Services;
  readonly notes: S3AuditNotes;
  readonly keys: Readonly<Record<string, string | readonly string[]>>;
}

function s3Call(p: CallParts): S3Call {
  const decide = (action: string, resource: string, bucket: BucketEntry | undefined, context: Readonly<Record<string, string | readonly string[]>> = {}) =>
    authorizeS3(p.services.snapshot(), p.facts, {
      caller: p.caller,
      action,
      resource,
      bucket,
      context: { ...p.keys, ...(bucket?.tagKeys ?? {}), ...context },
    });
  let body: RequestBody | undefined;
  return {
    op: p.spec,
    req: p.req,
    res: p.res,
    ids: p.ids,
    now: p.now,
    facts: p.facts,
    bucketName: p.bucketName,
    key: p.key,
    query: p.query,
    caller: p.caller,
    verified: p.verified,
    services: p.services,
    audit: p.notes,
    requestKeys: p.keys,
    async bucket() {
      const name = p.bucketName ?? '';
      const entry = await p.services.buckets.get(name);
      if (entry === undefined) throw awsError('NoSuchBucket', undefined, { fields: { BucketName: name } });
      checkExpectedBucketOwner(p.req.headers, 'x-amz-expected-bucket-owner', entry.bucket.accountId);
      return entry;
    },
    authorize(action, resource, bucket, context) {
      const refusal = decide(action, resource, bucket, context);
      if (refusal !== undefined) throw refusal;
    },
    allows(action, resource, bucket, context) {
      return decide(action, resource, bucket, context) === undefined;
    },
    body() {
      if (body !== undefined) return body;
      const opened = RequestBody.open(p.req, p.verified);
      if (isAwsError(opened)) throw opened;
      body = opened;
      return body;
    },
    async smallBody(limit) {
      const b = this.body();
      const bytes = await b.buffer(limit);
      if (bytes === undefined) throw awsError('EntityTooLarge', undefined, { fields: { MaxSizeAllowed: String(limit) } });
      const digest = b.finish();
      if (isAwsError(digest)) throw digest;
      p.notes.bytesIn = digest.size;
      return bytes;
    },
    reply(status, headers = {}, text = '') {
      return { status, headers: { date: p.now.toUTCString(), 'x-amz-request-id': p.ids.requestId, 'x-amz-id-2': p.ids.hostId, ...headers }, body: text };
    },
  };
}
