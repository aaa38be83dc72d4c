// The worker thread of body-digester.ts: computes the MD5 (the ETag), the SHA-256 of a signed payload
// and a flexible checksum of large request bodies, so that hashing a big upload runs beside the
// thread that receives it and writes it to disk, instead of after it on the same core.
import { parentPort } from 'node:worker_threads';
import { BodyDigests } from './body-digests.ts';
import type { DigestReply, DigestRequest } from './digest-messages.ts';

const port = parentPort;
if (port === null) throw new Error('digest-thread.ts runs as a worker thread');
const jobs = new Map<number, BodyDigests>();

port.on('message', (message: DigestRequest) => {
  const reply = (r: DigestReply, transfer?: ArrayBuffer[]) => port.postMessage(r, transfer);
  switch (message.op) {
    case 'start':
      jobs.set(message.job, new BodyDigests(message.sha256, message.checksum));
      return;
    case 'data': {
      const job = jobs.get(message.job);
      if (job === undefined) return;
      job.update(new Uint8Array(message.bytes, 0, message.length));
      reply({ op: 'hashed', job: message.job, bytes: message.bytes, length: message.length }, [message.bytes]);
      return;
    }
    case 'end': {
      const job = jobs.get(message.job);
      if (job === undefined) return;
      jobs.delete(message.job);
      reply({ op: 'digests', job: message.job, ...job.values() });
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
