// `--watch-container-credentials-config`: the file listing the ServiceAccounts that get container
// credentials, loaded at start and again whenever it changes. A file that cannot be read or parsed
// leaves the previous list in place (upstream's FileConfig.Load); an empty file lists nobody.
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { watchFiles } from './file-watch.ts';
import { parseContainerCredentialsConfig, type ContainerCredentialsIdentities } from './patch/index.ts';

/** The watched container-credentials file. */
export class ContainerCredentialsFile {
  readonly #path: string;
  readonly #logger: Logger;
  readonly #onReload: (ok: boolean) => void;
  #identities: ContainerCredentialsIdentities | undefined;
  #stopWatching: (() => void) | undefined;

  constructor(path: string, logger: Logger, onReload: (ok: boolean) => void = () => undefined) {
    this.#path = path;
    this.#logger = logger;
    this.#onReload = onReload;
  }

  /** The identities last loaded (undefined before a successful load). */
  current(): ContainerCredentialsIdentities | undefined {
    return this.#identities;
  }

  /** Loads the file now and watches it; the first load must succeed. */
  async start(intervalMs: number): Promise<void> {
    if (!(await this.reload())) throw new Error(`cannot load container credentials config file ${this.#path}`);
    this.#stopWatching = watchFiles([this.#path], intervalMs, () => void this.reload());
  }

  /** Reads and parses the file; keeps the previous list on failure. */
  async reload(): Promise<boolean> {
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (error) {
      this.#logger.error({ err: error, path: this.#path }, 'cannot read container credentials config file');
      this.#onReload(false);
      return false;
    }
    const parsed = parseContainerCredentialsConfig(text);
    if (!parsed.ok) {
      this.#logger.error({ path: this.#path, error: parsed.message }, 'container credentials config file refused; keeping the previous one');
      this.#onReload(false);
      return false;
    }
    this.#identities = parsed.identities;
    this.#logger.info({ path: this.#path, identities: parsed.identities.entries.size }, 'loaded container credentials config file');
    this.#onReload(true);
    return true;
  }

  stop(): void {
    this.#stopWatching?.();
  }
}
