// What an S3 request's signature says, read from its Authorization header or its presigned query
// (see s3-header-fields.ts and s3-query-fields.ts), before the secret is looked up.

import type { PayloadMode } from './payload-mode.ts';

/** The signature fields of an S3 request. */
export interface S3Fields {
  readonly form: 'header' | 'query';
  readonly credential: string;
  readonly signedHeaders: string[];
  readonly signature: string;
  readonly requestTime: number;
  readonly amzDate: string;
  readonly payloadHash: string;
  readonly payload: PayloadMode;
  readonly securityToken: string | undefined;
}
