// Test support: playing a pod. Pods are told apart by their source address, so a request "from a pod"
// binds its socket to the pod's 127.0.0.x address (the whole 127/8 is local on Linux).
import http from 'node:http';

/** An answer read whole. */
export interface PodAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** One request from `podIp` to the agent. */
export function requestFromPod(podIp: string, port: number, path: string, options: { method?: string; headers?: http.OutgoingHttpHeaders } = {}): Promise<PodAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers ?? {}, localAddress: podIp, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Runs `fn` with node:http's global agent bound to `podIp`, so libraries that use the global agent
 * (the AWS SDK v3 instance-metadata client) connect from the pod's address.
 */
export async function asPod<T>(podIp: string, fn: () => Promise<T>): Promise<T> {
  const previous = http.globalAgent;
  http.globalAgent = new http.Agent({ localAddress: podIp } as http.AgentOptions);
  try {
    return await fn();
  } finally {
    http.globalAgent.destroy();
    http.globalAgent = previous;
  }
}
