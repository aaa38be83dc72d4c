// `podiam token`: mints a service-account token from a podiam-issued cluster, with the claims a
// kubelet-requested projected token has, and prints it (as `kubectl create token` does: the bare token,
// with a newline only on a terminal so that `> /tmp/token` writes exactly the JWT).
import { parseArgs } from 'node:util';
import type { Command } from './commands.ts';
import { clustersClient } from './cluster.ts';
import { writeErr, writeOut } from './io.ts';
import { describeFailure, resolveClientConfig } from './podiam-client.ts';

const USAGE = `Usage: podiam token --cluster NAME --namespace NS --service-account SA [--audience AUD ...]
                    [--duration 3600|1h] [--pod NAME --pod-uid UID] [--node NAME [--node-uid UID]]
                    [--service-account-uid UID] [--endpoint-url URL] [--region REGION]

Mints a token for system:serviceaccount:NS:SA signed by the cluster's current key: audience
sts.amazonaws.com unless given (repeat --audience for several), 3600 seconds unless given (at least 600;
podiam caps it at 48 hours). --pod/--node bind it to a pod and node as the kubelet's tokens are.
`;

/** Seconds from `3600`, `3600s` or a Go duration such as `1h30m` (kubectl's --duration). */
export function durationSeconds(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (match === null || text === '') return undefined;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

export const tokenCommand: Command = {
  name: 'token',
  summary: "mint a service-account token from a podiam cluster's issuer (as a kubelet's projected token)",
  async run(argv) {
    let values: Record<string, string | boolean | string[] | undefined>;
    try {
      values = parseArgs({
        args: [...argv],
        options: {
          cluster: { type: 'string' },
          namespace: { type: 'string' },
          'service-account': { type: 'string' },
          'service-account-uid': { type: 'string' },
          audience: { type: 'string', multiple: true },
          duration: { type: 'string' },
          pod: { type: 'string' },
          'pod-uid': { type: 'string' },
          node: { type: 'string' },
          'node-uid': { type: 'string' },
          'endpoint-url': { type: 'string' },
          region: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
      }).values;
    } catch (err) {
      writeErr(`podiam token: ${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (values['help'] === true) {
      writeOut(USAGE);
      return 0;
    }
    const text = (name: string): string | undefined => {
      const value = values[name];
      return typeof value === 'string' ? value : undefined;
    };
    const cluster = text('cluster');
    const namespace = text('namespace');
    const serviceAccount = text('service-account');
    if (cluster === undefined || namespace === undefined || serviceAccount === undefined) {
      writeErr(`podiam token: --cluster, --namespace and --service-account are required\n\n${USAGE}`);
      return 2;
    }
    const duration = text('duration');
    const seconds = duration === undefined ? undefined : durationSeconds(duration);
    if (duration !== undefined && seconds === undefined) {
      writeErr(`podiam token: --duration must be seconds or a duration such as 1h or 90m, got '${duration}'\n`);
      return 2;
    }
    const pod = text('pod');
    const podUid = text('pod-uid');
    const node = text('node');
    const nodeUid = text('node-uid');
    if (pod === undefined && podUid !== undefined) {
      writeErr('podiam token: --pod-uid needs --pod\n');
      return 2;
    }
    if (node === undefined && nodeUid !== undefined) {
      writeErr('podiam token: --node-uid needs --node\n');
      return 2;
    }
    const audiences = values['audience'];
    const saUid = text('service-account-uid');
    const input = {
      ClusterName: cluster,
      Namespace: namespace,
      ServiceAccount: serviceAccount,
      ...(saUid !== undefined ? { ServiceAccountUid: saUid } : {}),
      ...(Array.isArray(audiences) && audiences.length > 0 ? { Audiences: audiences } : {}),
      ...(seconds !== undefined ? { ExpirationSeconds: seconds } : {}),
      ...(pod !== undefined ? { Pod: { Name: pod, ...(podUid !== undefined ? { Uid: podUid } : {}) } } : {}),
      ...(node !== undefined ? { Node: { Name: node, ...(nodeUid !== undefined ? { Uid: nodeUid } : {}) } } : {}),
    };
    const config = resolveClientConfig({ endpointUrl: text('endpoint-url'), region: text('region') }, process.env);
    if ('error' in config) {
      writeErr(`podiam token: ${config.error}\n`);
      return 255;
    }
    try {
      const result = await clustersClient(config).call<{ Token?: string }>('CreateServiceAccountToken', input);
      if (!result.ok) {
        writeErr(`\n${describeFailure('CreateServiceAccountToken', result)}\n`);
        return 254;
      }
      writeOut(`${result.output.Token ?? ''}${process.stdout.isTTY === true ? '\n' : ''}`);
      return 0;
    } catch (err) {
      writeErr(`podiam token: could not reach ${config.endpoint}: ${(err as Error).message}\n`);
      return 255;
    }
  },
};
