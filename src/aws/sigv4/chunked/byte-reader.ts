// Pull-based reading of lines and byte runs from an async stream of buffers, for the aws-chunked
// decoder. Data runs are handed out as views of the incoming buffers, never copied.

/** Reads CRLF-terminated lines and exact byte counts from an async iterable of bytes. */
export class ByteReader {
  private readonly source: AsyncIterator<Uint8Array>;
  private buffer: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.source = source[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    for (;;) {
      const next = await this.source.next();
      if (next.done === true) {
        this.ended = true;
        return false;
      }
      if (next.value.length === 0) continue;
      const incoming = Buffer.isBuffer(next.value)
        ? next.value
        : Buffer.from(next.value.buffer, next.value.byteOffset, next.value.length);
      this.buffer = this.buffer.length === 0 ? incoming : Buffer.concat([this.buffer, incoming]);
      return true;
    }
  }

  /**
   * The next line without its CRLF (latin1), undefined at a clean end of stream, or 'too-long'
   * when no CRLF comes within `max` bytes, or 'truncated' when the stream ends inside a line.
   */
  async line(max: number): Promise<string | undefined | 'too-long' | 'truncated'> {
    let searchFrom = 0;
    for (;;) {
      const at = this.buffer.indexOf('\r\n', searchFrom, 'latin1');
      if (at >= 0) {
        const text = this.buffer.toString('latin1', 0, at);
        this.buffer = this.buffer.subarray(at + 2);
        return text;
      }
      if (this.buffer.length > max) return 'too-long';
      searchFrom = Math.max(0, this.buffer.length - 1);
      if (!(await this.fill())) return this.buffer.length === 0 ? undefined : 'truncated';
    }
  }

  /** Up to `n` bytes (at least one), or undefined at the end of the stream. */
  async take(n: number): Promise<Buffer | undefined> {
    if (this.buffer.length === 0 && !(await this.fill())) return undefined;
    const piece = this.buffer.subarray(0, Math.min(n, this.buffer.length));
    this.buffer = this.buffer.subarray(piece.length);
    return piece;
  }

  /** True when the next two bytes are CRLF (and consumes them). */
  async crlf(): Promise<boolean> {
    while (this.buffer.length < 2) {
      if (!(await this.fill())) return false;
    }
    const ok = this.buffer[0] === 0x0d && this.buffer[1] === 0x0a;
    if (ok) this.buffer = this.buffer.subarray(2);
    return ok;
  }

  /** True when nothing is left to read. */
  async atEnd(): Promise<boolean> {
    return this.buffer.length === 0 && !(await this.fill());
  }
}
