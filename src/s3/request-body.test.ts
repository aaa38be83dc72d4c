// A request body is hashed as it streams (request-body.ts); a large one on the digest thread
// (body-digester.ts). Whatever happens to that thread, the request fails and the server goes on: a
// rejection nobody listens to would end the Node process (--unhandled-rejections=throw, the default).
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isAwsError } from '../aws/index.ts';
import { terminateDigestThreads } from './body-digester.ts';
import { RequestBody } from './request-body.ts';

function bodyOf(size: number): { body: RequestBody; source: PassThrough } {
  const source = new PassThrough({ highWaterMark: 64 << 20 });
  Object.assign(source, { headers: { 'content-length': String(size) } });
  const body = RequestBody.open(source as unknown as IncomingMessage, undefined);
  if (isAwsError(body)) throw new Error(body.message);
  return { body, source };
}

describe('a large body whose digest thread dies', () => {
  it('fails when the body is read on, with no unhandled rejection while the reader holds a chunk', async () => {
    const size = 96 << 20;
    const { body, source } = bodyOf(size);
    const chunks = body.chunks();
    // One chunk far past what the thread may be behind: the body must wait for the hashing.
    source.write(Buffer.alloc(64 << 20, 1));
    const first = await chunks.next();
    expect(first.value?.length).toBe(64 << 20);
    // The reader holds the chunk (the generator waits at its yield) when the thread dies.
    await terminateDigestThreads();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(chunks.next()).rejects.toThrow(/digest thread exited/);
    expect(body.finish()).toMatchObject({ code: 'IncompleteBody' });
  });

  it('a new body after that gets a new thread and whole digests', async () => {
    const size = 16 << 20;
    const { body, source } = bodyOf(size);
    source.end(Buffer.alloc(size, 2));
    let read = 0;
    for await (const chunk of body.chunks()) read += chunk.length;
    expect(read).toBe(size);
    expect(body.finish()).toMatchObject({ size });
  });
});
