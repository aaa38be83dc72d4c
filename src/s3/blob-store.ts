// Object bytes in files under `<dataDir>/s3`: `blobs/<xx>/<id>` (256 shard directories), written
// first to `tmp/<id>`, fsynced, renamed into place and the directory fsynced — so a crash leaves
// either the whole file or none, never a torn one; a row names a blob only after that. Reads stream
// ranges of a sequence of blobs (a multipart object is its parts' files, in order), never holding
// an object in memory. Temporary files are cleared at start.
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobRef } from '../store/index.ts';
import { BlobReader, type BlobPiece } from './blob-reader.ts';

/** A blob written to a temporary file, not yet in place. */
export interface PendingBlob {
  readonly id: string;
  readonly size: number;
  /** Makes it durable and puts it in place. */
  commit(): Promise<BlobRef>;
  /** Removes the temporary file. */
  discard(): Promise<void>;
}

const READ_CHUNK = 1 << 20;
/** Bytes written between two background flushes of a large upload. */
const FLUSH_EVERY = 64 << 20;

/**
 * Writes a large upload's bytes back to disk while it is still arriving (fdatasync every 64 MiB in
 * the background, one at a time, on a descriptor of its own), so that the sync at commit finds
 * little left to write instead of the whole object: the disk works while the network does.
 */
class BackgroundFlush {
  readonly #path: string;
  /** Opened at the first flush: most uploads are smaller than one flush and never need it. */
  #handle: Promise<FileHandle> | undefined;
  #flushing: Promise<void> | undefined;

  constructor(path: string) {
    this.#path = path;
  }

  /** The source, unchanged, flushing in the background as its bytes go by. */
  async *counting(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let unflushed = 0;
    for await (const chunk of source) {
      yield chunk;
      unflushed += chunk.length;
      if (unflushed >= FLUSH_EVERY && this.#flushing === undefined) {
        unflushed = 0;
        // A failed background flush is not an answer: the sync at commit reports any error.
        this.#handle ??= open(this.#path, 'r+');
        this.#flushing = this.#handle.then((handle) => handle.datasync()).then(
          () => undefined,
          () => undefined,
        );
        void this.#flushing.then(() => (this.#flushing = undefined));
      }
    }
  }

  /** Waits for a flush in flight and closes the descriptor, if one was opened. */
  async close(): Promise<void> {
    await this.#flushing;
    const handle = await this.#handle?.catch(() => undefined);
    await handle?.close();
  }
}

function ignoreMissing(err: unknown): void {
  if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT') return;
  throw err;
}

/** The blob files of one data directory. */
export class BlobStore {
  readonly #root: string;

  constructor(s3Directory: string) {
    this.#root = s3Directory;
  }

  /** Creates the directories and clears what a crash left in `tmp/`. */
  async open(): Promise<void> {
    await rm(join(this.#root, 'tmp'), { recursive: true, force: true });
    await mkdir(join(this.#root, 'tmp'), { recursive: true });
    await Promise.all(Array.from({ length: 256 }, (_, i) => mkdir(join(this.#root, 'blobs', i.toString(16).padStart(2, '0')), { recursive: true })));
  }

  #path(id: string): string {
    return join(this.#root, 'blobs', id.slice(0, 2), id);
  }

  #shard(id: string): string {
    return join(this.#root, 'blobs', id.slice(0, 2));
  }

  /** Writes a stream to a temporary file; the caller commits it once the body has been checked. */
  async receive(source: AsyncIterable<Buffer>): Promise<PendingBlob> {
    const id = randomBytes(16).toString('hex');
    const tmp = join(this.#root, 'tmp', id);
    // The file is created before the pipeline starts, so that a failure can never race its
    // creation: by the time the pipeline rejects, removing the file removes it for good.
    const sink = (await open(tmp, 'wx')).createWriteStream({ highWaterMark: READ_CHUNK });
    // Writes the file back while it arrives, through a descriptor of its own.
    const flusher = new BackgroundFlush(tmp);
    try {
      await pipeline(flusher.counting(source), sink);
    } catch (err) {
      if (!sink.closed) await new Promise<void>((closed) => sink.once('close', () => closed()));
      await flusher.close();
      await rm(tmp, { force: true });
      throw err;
    }
    await flusher.close();
    const size = sink.bytesWritten;
    const path = this.#path(id);
    const shard = this.#shard(id);
    return {
      id,
      size,
      commit: async () => {
        await fsyncPath(tmp, 'r+');
        await rename(tmp, path);
        await fsyncPath(shard, 'r');
        return { id, size };
      },
      discard: () => rm(tmp, { force: true }),
    };
  }

  /**
   * Streams bytes `start..end` (inclusive) of the concatenation of `blobs`. Opens the first file
   * before returning, so that a missing file (the object was replaced meanwhile) is reported while
   * nothing has been sent yet.
   */
  async read(blobs: readonly BlobRef[], start: number, end: number): Promise<BlobReader> {
    const pieces: BlobPiece[] = [];
    let offset = 0;
    for (const b of blobs) {
      const from = Math.max(start, offset);
      const to = Math.min(end, offset + b.size - 1);
      if (from <= to) pieces.push({ id: b.id, from: from - offset, to: to - offset });
      offset += b.size;
    }
    const first = pieces[0];
    const handle = first === undefined ? undefined : await open(this.#path(first.id), 'r');
    return new BlobReader(pieces, (id) => open(this.#path(id), 'r'), handle);
  }

  /** Removes blobs (missing ones are fine). */
  async remove(ids: readonly string[]): Promise<void> {
    await Promise.all(ids.map((id) => rm(this.#path(id)).catch(ignoreMissing)));
  }

  /** New names for the same bytes (hard links: a copy costs no I/O). */
  async duplicate(blobs: readonly BlobRef[]): Promise<BlobRef[]> {
    const out: BlobRef[] = [];
    for (const b of blobs) {
      const id = randomBytes(16).toString('hex');
      await link(this.#path(b.id), this.#path(id));
      out.push({ id, size: b.size });
    }
    await Promise.all([...new Set(out.map((b) => this.#shard(b.id)))].map((dir) => fsyncPath(dir, 'r')));
    return out;
  }
}

async function fsyncPath(path: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
