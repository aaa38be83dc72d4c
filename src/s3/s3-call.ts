// What an S3 operation handler sees of its request: who calls and how they signed, the bucket and key,
// the services of the server, and the one way to check permissions. Handlers answer with a complete
// response, or write a streamed one themselves; refusals are thrown AwsErrors.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { S3RequestIds, VerifiedRequest, WireResponse } from '../aws/index.ts';
import type { Caller, IamSnapshot, RequestFacts } from '../identity/index.ts';
import type { ContextValue } from '../policy/index.ts';
import type { Store } from '../store/index.ts';
import type { BlobStore } from './blob-store.ts';
import type { BucketDirectory, BucketEntry } from './bucket-directory.ts';
import type { ObjectReader } from './object-cache.ts';
import type { ObjectCommits } from './object-commits.ts';
import type { S3OperationSpec } from './operations.ts';
import type { RequestBody } from './request-body.ts';

/** The server-wide parts every call uses. */
export interface S3Services {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly buckets: BucketDirectory;
  readonly commits: ObjectCommits;
  /** Object reads (through the cache when this process is the objects' only writer). */
  readonly objects: ObjectReader;
  /** Runs a write of one object, forgetting its cached read before and after. */
  writing<T>(bucket: string, key: string, write: () => Promise<T>): Promise<T>;
  readonly logger: Logger;
  readonly defaultRegion: string;
  /** Objects up to this size are kept in their metadata row. */
  readonly inlineLimit: number;
  /** The current compiled IAM state. */
  snapshot(): IamSnapshot;
  /** Rebuilds the snapshot after a bucket write (its revision moved). */
  refresh(): Promise<void>;
}

/** What the call leaves for its CloudTrail event. */
export interface S3AuditNotes {
  bytesIn: number;
  bytesOut: number;
  responseElements: Record<string, unknown> | null;
  /** Extra request parameters (DeleteObjects' keys, CopyObject's source). */
  requestParameters: Record<string, unknown>;
  /** Extra additionalEventData (SSEApplied of object writes). */
  additionalEventData: Record<string, unknown>;
}

/** One S3 request. */
export interface S3Call {
  readonly op: S3OperationSpec;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly ids: S3RequestIds;
  readonly now: Date;
  readonly facts: RequestFacts;
  readonly bucketName: string | undefined;
  readonly key: string | undefined;
  readonly query: URLSearchParams;
  /** Undefined for anonymous requests. */
  readonly caller: Caller | undefined;
  /** The verified signature; undefined for anonymous requests. */
  readonly verified: VerifiedRequest<Caller> | undefined;
  readonly services: S3Services;
  readonly audit: S3AuditNotes;
  /** The request's own condition keys (s3:authType, s3:signatureversion, ...). */
  readonly requestKeys: Readonly<Record<string, ContextValue>>;
  /** The addressed bucket; NoSuchBucket when it does not exist. */
  bucket(): Promise<BucketEntry>;
  /** Throws AccessDenied (S3's text) unless the caller may do `action` on `resource`. */
  authorize(action: string, resource: string, bucket: BucketEntry | undefined, context?: Readonly<Record<string, ContextValue>>): void;
  /** The same decision as a boolean (S3 answers 404 or 403 for a missing key by s3:ListBucket). */
  allows(action: string, resource: string, bucket: BucketEntry | undefined, context?: Readonly<Record<string, ContextValue>>): boolean;
  /** The request body, decoded and checked as it is read. */
  body(): RequestBody;
  /** Reads a small body whole (XML and JSON documents), checked; EntityTooLarge past `limit`. */
  smallBody(limit: number): Promise<Buffer>;
  /** A response with S3's request ID headers. */
  reply(status: number, headers?: Readonly<Record<string, string>>, body?: string): WireResponse;
}
