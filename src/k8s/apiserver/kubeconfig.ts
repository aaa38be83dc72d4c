// A kubeconfig that points a client (kubectl, @kubernetes/client-node) at an API server over plain
// HTTP on loopback.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** Options of the generated kubeconfig. */
export interface KubeconfigOptions {
  /** Bearer token the client sends (none by default: the user has no credentials). */
  readonly token?: string;
  /** Namespace of the context. */
  readonly namespace?: string;
  /** Context, cluster and user name (default `podiam`). */
  readonly name?: string;
}

/** The kubeconfig YAML for a server URL. */
export function kubeconfigFor(server: string, options: KubeconfigOptions = {}): string {
  const name = options.name ?? 'podiam';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    // client-node 1.x/2.x refuse plain http unless TLS verification is marked as skipped.
    clusters: [{ name, cluster: { server, ...(server.startsWith('http:') ? { 'insecure-skip-tls-verify': true } : {}) } }],
    users: [{ name, user: options.token === undefined ? {} : { token: options.token } }],
    contexts: [{ name, context: { cluster: name, user: name, ...(options.namespace === undefined ? {} : { namespace: options.namespace }) } }],
    'current-context': name,
    preferences: {},
  });
}

/** Writes the kubeconfig as `dir/kubeconfig` (`dir`: a new temporary directory by default), mode 0600, and returns its path. */
export async function writeKubeconfig(server: string, dir?: string, options: KubeconfigOptions = {}): Promise<string> {
  const folder = dir ?? (await mkdtemp(join(tmpdir(), 'podiam-kube-')));
  const path = join(folder, 'kubeconfig');
  await writeFile(path, kubeconfigFor(server, options), { mode: 0o600 });
  return path;
}
