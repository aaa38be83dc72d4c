// Serving certificate reload: `--tls-cert` and `--tls-key` are re-read when either changes, and
// the HTTPS server switches to them with setSecureContext (new connections use the new pair). A
// pair that does not load (a half-written update, a key that does not match) is ignored until the
// next change, and the server keeps the pair it has.
import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';
import type { Server } from 'node:https';
import type { Logger } from 'pino';
import { watchFiles } from './file-watch.ts';

/** The certificate and key files of the serving certificate. */
export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

/** Reads the pair and checks that they load together. */
export async function loadTlsPair(files: TlsFiles): Promise<{ cert: Buffer; key: Buffer }> {
  const [cert, key] = await Promise.all([readFile(files.certFile), readFile(files.keyFile)]);
  createSecureContext({ cert, key });
  return { cert, key };
}

/** Watches the files and reloads the server's certificate; returns the reloader. */
export class TlsReloader {
  readonly #server: Server;
  readonly #files: TlsFiles;
  readonly #logger: Logger;
  readonly #onReload: (ok: boolean) => void;
  #stop: (() => void) | undefined;

  constructor(server: Server, files: TlsFiles, logger: Logger, onReload: (ok: boolean) => void = () => undefined) {
    this.#server = server;
    this.#files = files;
    this.#logger = logger;
    this.#onReload = onReload;
  }

  start(intervalMs: number): void {
    this.#stop = watchFiles([this.#files.certFile, this.#files.keyFile], intervalMs, () => void this.reload());
  }

  /** Loads the files now; true when the server switched to them. */
  async reload(): Promise<boolean> {
    try {
      const pair = await loadTlsPair(this.#files);
      this.#server.setSecureContext(pair);
      this.#logger.info({ certFile: this.#files.certFile }, 'reloaded the serving certificate');
      this.#onReload(true);
      return true;
    } catch (error) {
      this.#logger.warn({ err: error, certFile: this.#files.certFile }, 'serving certificate not reloaded; keeping the current one');
      this.#onReload(false);
      return false;
    }
  }

  stop(): void {
    this.#stop?.();
  }
}
