// A byte range of a sequence of blob files as one stream: each file opened in turn and read in 1 MiB
// pieces with positioned reads, so that an object of many parts streams like one file, with the
// stream's back-pressure deciding when to read on.
import type { FileHandle } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** One file's share of a read: bytes `from..to` (inclusive) of blob `id`. */
export interface BlobPiece {
  readonly id: string;
  readonly from: number;
  readonly to: number;
}

const CHUNK = 1 << 20;

/** Streams the pieces in order. */
export class BlobReader extends Readable {
  readonly #pieces: readonly BlobPiece[];
  readonly #open: (id: string) => Promise<FileHandle>;
  #index = 0;
  #handle: FileHandle | undefined;
  #position = 0;
  #reading = false;
  /** Bytes not yet read, over all pieces. */
  #left: number;

  /** `first` is the first piece's file, already open (a missing file is found before anything is sent). */
  constructor(pieces: readonly BlobPiece[], open: (id: string) => Promise<FileHandle>, first: FileHandle | undefined) {
    super({ highWaterMark: CHUNK });
    this.#pieces = pieces;
    this.#open = open;
    this.#handle = first;
    this.#position = pieces[0]?.from ?? 0;
    this.#left = pieces.reduce((n, p) => n + (p.to - p.from + 1), 0);
  }

  override _read(): void {
    if (this.#reading) return;
    this.#reading = true;
    this.#readNext().then(
      (more) => {
        this.#reading = false;
        if (!more) this.push(null);
      },
      (err: unknown) => this.destroy(err instanceof Error ? err : new Error(String(err))),
    );
  }

  // Reads one chunk into a new buffer and pushes it; false at the end.
  async #readNext(): Promise<boolean> {
    const wanted = this.#wanted();
    if (wanted === 0) return false;
    const buffer = Buffer.allocUnsafe(wanted);
    const read = await this.#readInto(buffer);
    this.push(read === wanted ? buffer : buffer.subarray(0, read));
    return true;
  }

  /**
   * Writes the bytes to `out` itself and ends it, through a few buffers used again once `out` has
   * handed them to the socket (the write callback), instead of a new buffer for each read: a new
   * 1 MiB buffer per read made V8 collect garbage over the whole heap every few dozen MiB, and
   * those collections took more CPU than the reads and writes of a large GetObject.
   */
  async sendTo(out: Writable): Promise<void> {
    const spare: Buffer[] = [];
    try {
      for (let wanted = this.#wanted(); wanted > 0; wanted = this.#wanted()) {
        const reused = spare.pop();
        // A small object gets a buffer of its own size, a large one 1 MiB ones.
        const buffer = reused !== undefined && reused.length >= wanted ? reused : Buffer.allocUnsafeSlow(Math.min(CHUNK, this.#left));
        const read = await this.#readInto(buffer.subarray(0, wanted));
        const written = out.write(buffer.subarray(0, read), (err) => {
          if (err === null || err === undefined) spare.push(buffer);
        });
        if (!written) await drained(out);
      }
      out.end();
      await finished(out);
    } finally {
      this.destroy();
    }
  }

  // The bytes the next read asks for: a chunk, or what is left of the current piece; 0 at the end.
  #wanted(): number {
    const piece = this.#pieces[this.#index];
    if (piece === undefined) return 0;
    const position = this.#handle === undefined ? piece.from : this.#position;
    return Math.min(CHUNK, piece.to - position + 1);
  }

  // Reads into `buffer` (no more than the current piece holds); the number of bytes read.
  async #readInto(buffer: Buffer): Promise<number> {
    const piece = this.#pieces[this.#index];
    if (piece === undefined) return 0;
    if (this.#handle === undefined) {
      this.#handle = await this.#open(piece.id);
      this.#position = piece.from;
    }
    const wanted = Math.min(buffer.length, piece.to - this.#position + 1);
    const { bytesRead } = await this.#handle.read(buffer, 0, wanted, this.#position);
    if (bytesRead === 0) throw new Error(`blob ${piece.id} ended before byte ${this.#position}`);
    this.#position += bytesRead;
    this.#left -= bytesRead;
    if (this.#position > piece.to) {
      const done = this.#handle;
      this.#handle = undefined;
      this.#index += 1;
      await done.close();
    }
    return bytesRead;
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle === undefined) callback(err);
    else handle.close().then(
      () => callback(err),
      () => callback(err),
    );
  }
}

/** Resolves when `out` drains; rejects when it closes or fails first. */
function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('the destination closed before the object was sent'));
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', settle);
      if (err === undefined) resolve();
      else reject(err);
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error('the destination closed before the object was sent'));
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', settle);
  });
}
