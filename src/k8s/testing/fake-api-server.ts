// The API server of k8s/apiserver as tests start it: on an ephemeral port, recording every request,
// and handing out kubeconfigs named `fake` with the token `fake-token` (the server checks it only
// when started with `token`).
import {
  kubeconfigFor as apiKubeconfigFor,
  startApiServer,
  writeKubeconfig as apiWriteKubeconfig,
  type ApiServer,
  type ApiServerOptions,
  type KubeconfigOptions,
} from '../apiserver/index.ts';

/** Options of `startFakeApiServer` (those of `startApiServer` but the port: always ephemeral). */
export type FakeApiServerOptions = Omit<ApiServerOptions, 'port' | 'recordRequests'>;

/** A running fake API server. */
export type FakeApiServer = ApiServer;

function testDefaults(options: KubeconfigOptions | undefined, token: string | undefined): KubeconfigOptions {
  return { name: 'fake', token: token ?? 'fake-token', ...options };
}

/** Starts the API server on 127.0.0.1 with an ephemeral port, recording requests. */
export async function startFakeApiServer(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const server = await startApiServer({ ...options, port: 0, recordRequests: true });
  return {
    ...server,
    // Getters of the server are read through it, not copied.
    get resourceVersion() {
      return server.resourceVersion;
    },
    get openWatches() {
      return server.openWatches;
    },
    kubeconfig: (kubeconfigOptions) => apiKubeconfigFor(server.url, testDefaults(kubeconfigOptions, options.token)),
    writeKubeconfig: (dir, kubeconfigOptions) => apiWriteKubeconfig(server.url, dir, testDefaults(kubeconfigOptions, options.token)),
  };
}

/** The kubeconfig YAML for a server URL (context `fake`, token `fake-token` unless given). */
export function kubeconfigFor(server: string, options?: KubeconfigOptions): string {
  return apiKubeconfigFor(server, testDefaults(options, options?.token));
}

/** Writes that kubeconfig to `dir` (a new temporary directory by default) and returns its path. */
export function writeKubeconfig(server: string, dir?: string, options?: KubeconfigOptions): Promise<string> {
  return apiWriteKubeconfig(server, dir, testDefaults(options, options?.token));
}
