// The error code and message of a failed AWS call, as the service sent them.

/** A failed AWS call: the service's error code and message. */
export interface AwsFailure {
  readonly code: string;
  readonly message: string;
}

/**
 * The code and message of an error thrown by an AWS SDK v3 client: the wire's error code (`Code` in
 * Query and REST-XML errors, `__type` in JSON ones) rather than the SDK's class name.
 */
export function failureOf(err: unknown): AwsFailure {
  if (!(err instanceof Error)) return { code: 'Error', message: String(err) };
  const fields = err as { Code?: unknown; __type?: unknown; $metadata?: { httpStatusCode?: number } };
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  if (typeof fields.Code === 'string' && fields.Code !== '') return { code: fields.Code, message: err.message };
  if (typeof fields.__type === 'string' && fields.__type !== '') return { code: fields.__type.split('#').at(-1) ?? fields.__type, message: err.message };
  const status = fields.$metadata?.httpStatusCode;
  // S3 answers HEAD requests without a body: the SDK names the error after the status.
  if ((err.name === 'Error' || err.name === 'Unknown') && status !== undefined) return { code: `HTTP${status}`, message: err.message };
  return { code: err.name, message: `${err.message}${cause}` };
}
