// `podiam webhook`: the mutating admission webhook (amazon-eks-pod-identity-webhook's flags), and
// `podiam webhook certs`: a CA and a serving certificate for its Service.

import type { Command } from './commands.ts';
import { writeErr, writeOut } from './io.ts';
import {
  generateWebhookCertificates,
  iamTrustCheck,
  parseWebhookConfig,
  startWebhook,
  webhookUsage,
  WebhookConfigError,
  writeWebhookCertificates,
} from '../k8s/webhook/index.ts';

export const webhookCommand: Command = {
  name: 'webhook',
  summary: 'mutating admission webhook that wires pods to IAM roles (as amazon-eks-pod-identity-webhook does)',
  async run(argv) {
    if (argv[0] === 'certs') return certs(argv.slice(1));
    if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      writeOut(webhookUsage());
      return 0;
    }
    let config;
    try {
      config = parseWebhookConfig(argv, process.env);
    } catch (error) {
      if (error instanceof WebhookConfigError) {
        writeErr(`podiam webhook: ${error.message}\n\n${webhookUsage()}`);
        return 2;
      }
      throw error;
    }
    if (config.showVersion) {
      const pkg = await import('../../package.json', { with: { type: 'json' } });
      writeOut(`${String(pkg.default.version)}\n`);
      return 0;
    }
    const webhook = await startWebhook({ config, trustCheckFor: (endpoint) => iamTrustCheck(endpoint) });
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
        resolve();
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    });
    await webhook.close();
    return 0;
  },
};

const CERTS_USAGE = 'Usage: podiam webhook certs --service NAME --namespace NS [--out DIR] [--days N]\n';

async function certs(argv: readonly string[]): Promise<number> {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const m = /^--(service|namespace|out|days)(?:=(.*))?$/.exec(argv[i] ?? '');
    const value = m?.[2] ?? argv[i + 1];
    if (m?.[1] === undefined || value === undefined) {
      writeErr(`podiam webhook certs: unexpected argument ${JSON.stringify(argv[i])}\n${CERTS_USAGE}`);
      return 2;
    }
    if (m[2] === undefined) i += 1;
    values.set(m[1], value);
  }
  const service = values.get('service');
  const namespace = values.get('namespace');
  const days = Number(values.get('days') ?? '365');
  if (service === undefined || namespace === undefined || !Number.isInteger(days) || days < 1) {
    writeErr(`podiam webhook certs: --service and --namespace are required; --days must be a positive integer\n${CERTS_USAGE}`);
    return 2;
  }
  const generated = generateWebhookCertificates({ service, namespace, days });
  const paths = await writeWebhookCertificates(values.get('out') ?? '.', generated);
  writeErr(`wrote ${paths.caCert}, ${paths.caKey}, ${paths.tlsCert}, ${paths.tlsKey} for ${generated.dnsNames.join(', ')}\n`);
  writeOut(`${generated.caBundle}\n`);
  return 0;
}
