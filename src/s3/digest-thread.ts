// The worker thread of body-digester.ts: computes the MD5 (the ETag), the SHA-256 of a signed payload
// and a flexible checksum of large request bodies, so that hashing a big upload runs beside the
// thread that receives it and writes it to disk, instead of after it on the same core.
import { createHash, type Hash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { createChecksum, type Checksum } from '../aws/index.ts';
import type { DigestReply, DigestRequest } from './digest-messages.ts';

interface Job {
  readonly md5: Hash;
  readonly sha256: Hash | undefined;
  readonly checksum: Checksum | undefined;
}

const port = parentPort;
if (port === null) throw new Error('digest-thread.ts runs as a worker thread');
const jobs = new Map<number, Job>();

port.on('message', (message: DigestRequest) => {
  const reply = (r: DigestReply, transfer?: ArrayBuffer[]) => port.postMessage(r, transfer);
  switch (message.op) {
    case 'start':
      jobs.set(message.job, {
        md5: createHash('md5'),
        sha256: message.sha256 ? createHash('sha256') : undefined,
        checksum: message.checksum === undefined ? undefined : createChecksum(message.checksum),
      });
      return;
    case 'data': {
      const job = jobs.get(message.job);
      if (job === undefined) return;
      const bytes = new Uint8Array(message.bytes, 0, message.length);
      job.md5.update(bytes);
      job.sha256?.update(bytes);
      job.checksum?.update(bytes);
      reply({ op: 'hashed', job: message.job, bytes: message.bytes, length: message.length }, [message.bytes]);
      return;
    }
    case 'end': {
      const job = jobs.get(message.job);
      if (job === undefined) return;
      jobs.delete(message.job);
      reply({ op: 'digests', job: message.job, md5: job.md5.digest('hex'), sha256: job.sha256?.digest('hex'), checksum: job.checksum?.digestBase64() });
      return;
    }
    case 'cancel':
      jobs.delete(message.job);
      return;
    default: {
      const never: never = message;
      return never;
    }
  }
});
