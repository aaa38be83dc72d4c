// A byte range of a sequence of blob files as one stream: each file opened in turn and read in 1 MiB
// pieces with positioned reads, so that an object of many parts streams like one file, with the
// stream's back-pressure deciding when to read on.
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';

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

  /** `first` is the first piece's file, already open (a missing file is found before anything is sent). */
  constructor(pieces: readonly BlobPiece[], open: (id: string) => Promise<FileHandle>, first: FileHandle | undefined) {
    super({ highWaterMark: CHUNK });
    this.#pieces = pieces;
    this.#open = open;
    this.#handle = first;
    this.#position = pieces[0]?.from ?? 0;
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

  // Reads one chunk and pushes it; false at the end.
  async #readNext(): Promise<boolean> {
    const piece = this.#pieces[this.#index];
    if (piece === undefined) return false;
    if (this.#handle === undefined) {
      this.#handle = await this.#open(piece.id);
      this.#position = piece.from;
    }
    const wanted = Math.min(CHUNK, piece.to - this.#position + 1);
    const buffer = Buffer.allocUnsafe(wanted);
    const { bytesRead } = await this.#handle.read(buffer, 0, wanted, this.#position);
    if (bytesRead === 0) throw new Error(`blob ${piece.id} ended before byte ${this.#position}`);
    this.#position += bytesRead;
    if (this.#position > piece.to) {
      const done = this.#handle;
      this.#handle = undefined;
      this.#index += 1;
      await done.close();
    }
    this.push(bytesRead === wanted ? buffer : buffer.subarray(0, bytesRead));
    return true;
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
