// The files under examples/ that the demo applies, so that what it shows is exactly what a user applies
// by hand. The files name the demo's defaults (account 123456789012, shared_content 111122223333,
// issuers under 127.0.0.1:4577/oidc/); the demo substitutes the running podiam's values.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** The repository's examples/ directory. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

/** The account ID the example files use for the demo's management (developer) account. */
export const EXAMPLE_MANAGEMENT_ACCOUNT = '123456789012';
/** The account ID the example files use for seed 001's shared_content account. */
export const EXAMPLE_SHARED_CONTENT_ACCOUNT = '111122223333';
/** The issuer host the example files use: podiam's default endpoint. */
export const EXAMPLE_ISSUER_HOST = '127.0.0.1:4577/oidc/';

/** One seed's example directory, read with the running podiam's values substituted. */
export class ExampleFiles {
  readonly dir: string;
  readonly #substitutions: [string, string][] = [];

  constructor(examplesDir: string, seedDir: string) {
    this.dir = join(examplesDir, seedDir);
  }

  /** Replaces `from` by `to` in every file read from now on. */
  substitute(from: string, to: string): this {
    if (from !== to) this.#substitutions.push([from, to]);
    return this;
  }

  /** The path relative to the examples' parent, as the README shows it (examples/seed001/x.json). */
  shown(file: string): string {
    return relative(join(this.dir, '..', '..'), join(this.dir, file));
  }

  /** A text file, substituted. */
  text(file: string): string {
    let text = readFileSync(join(this.dir, file), 'utf8');
    for (const [from, to] of this.#substitutions) text = text.split(from).join(to);
    return text;
  }

  /**
   * A policy document as the file has it, substituted (checked to be JSON). IAM keeps a document's
   * layout, so the simulator's statement positions are lines of the example file.
   */
  policy(file: string): string {
    const text = this.text(file);
    JSON.parse(text);
    return text;
  }

  /** The bytes of a file (objects to upload). */
  bytes(file: string): Buffer {
    return readFileSync(join(this.dir, file));
  }

  /** The files under a directory of the seed (a bucket's objects), as keys relative to it. */
  objectKeys(directory: string): string[] {
    const root = join(this.dir, directory);
    const walk = (dir: string): string[] =>
      readdirSync(dir)
        .sort()
        .flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : [relative(root, path).split('\\').join('/')];
        });
    return walk(root);
  }

  /** The role ARN a ServiceAccount of a manifest is annotated with (eks.amazonaws.com/role-arn). */
  serviceAccountRole(file: string, name: string): string {
    for (const doc of parseAllDocuments(this.text(file))) {
      const value = doc.toJS() as { kind?: string; metadata?: { name?: string; annotations?: Record<string, string> } } | null;
      if (value?.kind !== 'ServiceAccount' || value.metadata?.name !== name) continue;
      const arn = value.metadata.annotations?.['eks.amazonaws.com/role-arn'];
      if (arn !== undefined) return arn;
    }
    throw new Error(`${this.shown(file)} has no ServiceAccount ${name} annotated with eks.amazonaws.com/role-arn`);
  }
}
