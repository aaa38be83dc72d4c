// The inputs and the result of SigV4 request verification.

import type { AwsError } from '../errors/index.ts';
import type { HeaderBag } from './canonical-request.ts';
import type { PayloadMode } from './payload-mode.ts';

/** The request as it reached the server. */
export interface SigV4Request {
  readonly method: string;
  /** Path and query exactly as on the request line, still percent-encoded (Node's `req.url`). */
  readonly url: string;
  /** Headers by lower-case name; repeated headers as arrays (Node's `req.headersDistinct`). */
  readonly headers: HeaderBag;
  /**
   * Hex SHA-256 of the body, for services whose body is signed (Query and JSON protocols). Defaults
   * to the hash of an empty body. S3 signs `x-amz-content-sha256` instead and ignores this.
   */
  readonly bodySha256?: string;
}

/** What a credential lookup must return for a known access key. */
export interface SigningSecret {
  readonly secretAccessKey: string;
}

/**
 * Finds the secret of an access key (and whatever principal data the caller wants back). Returns
 * undefined for an unknown key, or an AwsError to refuse the key or its session token (e.g.
 * `ExpiredToken`, `InvalidClientTokenId`).
 */
export type CredentialLookup<C extends SigningSecret> = (
  accessKeyId: string,
  securityToken: string | undefined,
) => Promise<C | AwsError | undefined>;

/** Which AWS front door's wording and codes a refusal uses. */
export type SigV4Dialect = 'query' | 'json' | 's3';

/** What the verifier expects of the credential scope, and the clock. */
export interface VerifyOptions<C extends SigningSecret> {
  readonly dialect: SigV4Dialect;
  /** The scope service this endpoint answers to (`sts`, `iam`, `organizations`, `s3`). */
  readonly service: string;
  /** Regions accepted in the scope; the first is the one named when another is refused. */
  readonly regions: readonly string[];
  /** The current time, milliseconds since the epoch. */
  readonly now: number;
  readonly lookup: CredentialLookup<C>;
  /** Allowed clock skew; AWS allows 15 minutes. */
  readonly maxSkewMs?: number;
}

/** The credential scope of a signature. */
export interface CredentialScope {
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

/** What a verifier of `aws-chunked` signed payloads needs from the request's own signature. */
export interface ChunkSigningContext {
  readonly signingKey: Buffer;
  readonly amzDate: string;
  /** `date/region/service/aws4_request`. */
  readonly scope: string;
  /** The request signature: the seed of the chunk signature chain. */
  readonly seedSignature: string;
}

/** A request whose signature verified. */
export interface VerifiedRequest<C extends SigningSecret> {
  readonly ok: true;
  readonly anonymous: false;
  readonly form: 'header' | 'query';
  readonly accessKeyId: string;
  readonly credential: C;
  readonly scope: CredentialScope;
  readonly securityToken: string | undefined;
  readonly signedHeaders: readonly string[];
  readonly payload: PayloadMode;
  /** The instant the request was signed for (`X-Amz-Date`), ms since the epoch. */
  readonly requestTime: number;
  /** Present for `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`: verify the chunks with it. */
  readonly chunkSigning: ChunkSigningContext | undefined;
}

/** An S3 request that carries no credentials at all: AWS treats it as anonymous, not as an error. */
export interface AnonymousRequest {
  readonly ok: true;
  readonly anonymous: true;
}

/** A refused request and the error AWS would return. */
export interface RefusedRequest {
  readonly ok: false;
  readonly error: AwsError;
}

/** The outcome of verifying a request's signature. */
export type SigV4Verification<C extends SigningSecret> = VerifiedRequest<C> | AnonymousRequest | RefusedRequest;

/** AWS's allowed clock skew: 15 minutes. */
export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

/** Shorthand for a refusal. */
export function refuse(error: AwsError): RefusedRequest {
  return { ok: false, error };
}
