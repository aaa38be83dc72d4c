import { AWS_ERROR_CATALOGUE, type AwsErrorCode } from './catalogue.ts';

/** `Sender` for a fault of the caller, `Receiver` for one of the service (AWS's ErrorResponse `Type`). */
export type AwsErrorType = 'Sender' | 'Receiver';

/** Options of {@link awsError}. */
export interface AwsErrorOptions {
  /** Overrides the catalogue's status where one service differs (S3's ExpiredToken is 400). */
  readonly status?: number;
  /** Logged, never sent: what a tenant must not learn (other accounts' ARNs, canonical requests). */
  readonly detail?: string;
  /** Extra elements AWS puts in the error body beside Code and Message (S3: RequestTime, BucketName, ...). Sent. */
  readonly fields?: Readonly<Record<string, string>>;
}

/**
 * An error as AWS returns it: a code from the closed union, the HTTP status, the public message,
 * and an internal detail that is logged but never sent.
 */
export class AwsError extends Error {
  override readonly name = 'AwsError';
  readonly code: AwsErrorCode;
  readonly status: number;
  readonly type: AwsErrorType;
  readonly detail: string | undefined;
  readonly fields: Readonly<Record<string, string>>;

  constructor(code: AwsErrorCode, message: string, options: AwsErrorOptions = {}) {
    super(message);
    this.code = code;
    this.status = options.status ?? AWS_ERROR_CATALOGUE[code].status;
    this.type = this.status >= 500 ? 'Receiver' : 'Sender';
    this.detail = options.detail;
    this.fields = options.fields ?? {};
  }
}

/** Builds an {@link AwsError}; without a message, the catalogue's standard text for the code (or the code). */
export function awsError(code: AwsErrorCode, message?: string, options?: AwsErrorOptions): AwsError {
  const spec: { readonly message?: string } = AWS_ERROR_CATALOGUE[code];
  return new AwsError(code, message ?? spec.message ?? code, options);
}

/** True for an {@link AwsError}. */
export function isAwsError(value: unknown): value is AwsError {
  return value instanceof AwsError;
}

/**
 * Wraps anything thrown where an AWS error was expected: an AwsError passes through, anything else
 * becomes the service's 500 (`InternalFailure` for Query/JSON services, `InternalError` for S3),
 * with the original in the private detail.
 */
export function toAwsError(thrown: unknown, internalCode: 'InternalFailure' | 'InternalError' | 'ServiceFailure' = 'InternalFailure'): AwsError {
  if (thrown instanceof AwsError) return thrown;
  const detail = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
  return awsError(internalCode, undefined, { detail });
}
