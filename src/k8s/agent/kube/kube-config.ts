// How the agent reaches the Kubernetes API: a kubeconfig file, kube2iam's --api-server/--api-token,
// in-cluster (service-account token and CA mounted in the pod), or the default kubeconfig.
import { KubeConfig } from '@kubernetes/client-node';
import type { AgentConfig } from '../config/agent-config.ts';

/** Loads the KubeConfig the configuration names. */
export function loadKubeConfig(kube: AgentConfig['kube'], env: NodeJS.ProcessEnv = process.env): KubeConfig {
  const kc = new KubeConfig();
  if (kube.apiServer !== undefined) {
    kc.loadFromClusterAndUser(
      { name: 'api-server', server: kube.apiServer, skipTLSVerify: kube.insecure || kube.apiServer.startsWith('http:') },
      { name: 'agent', ...(kube.apiToken === undefined ? {} : { token: kube.apiToken }) },
    );
    return kc;
  }
  if (kube.kubeconfig !== undefined) kc.loadFromFile(kube.kubeconfig);
  else if (env['KUBERNETES_SERVICE_HOST'] !== undefined && env['KUBERNETES_SERVICE_HOST'] !== '') kc.loadFromCluster();
  else kc.loadFromDefault();
  if (kube.insecure) {
    const cluster = kc.getCurrentCluster();
    if (cluster !== null) kc.clusters = kc.clusters.map((c) => (c.name === cluster.name ? { ...c, skipTLSVerify: true } : c));
  }
  return kc;
}
