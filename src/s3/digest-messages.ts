// The messages between body-digester.ts and its worker thread (digest-thread.ts).
import type { ChecksumAlgorithm } from '../aws/index.ts';
import type { BodyDigestValues } from './body-digests.ts';

/** To the worker: a job starts, receives bytes (a transferred buffer, `length` of it used), ends or is dropped. */
export type DigestRequest =
  | { readonly op: 'start'; readonly job: number; readonly sha256: boolean; readonly checksum: ChecksumAlgorithm | undefined }
  | { readonly op: 'data'; readonly job: number; readonly bytes: ArrayBuffer; readonly length: number }
  | { readonly op: 'end'; readonly job: number }
  | { readonly op: 'cancel'; readonly job: number };

/** From the worker: bytes hashed (their buffer transferred back, to be filled again), and a job's digests. */
export type DigestReply =
  | { readonly op: 'hashed'; readonly job: number; readonly bytes: ArrayBuffer; readonly length: number }
  | ({ readonly op: 'digests'; readonly job: number } & BodyDigestValues);
