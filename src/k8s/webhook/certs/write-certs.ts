// Writes the generated certificates the way a kubernetes.io/tls Secret lays them out.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WebhookCertificates } from './generate-certs.ts';

/** Writes ca.crt, ca.key, tls.crt, tls.key (keys 0600) to `dir` and returns their paths. */
export async function writeWebhookCertificates(dir: string, certs: WebhookCertificates): Promise<Record<'caCert' | 'caKey' | 'tlsCert' | 'tlsKey', string>> {
  await mkdir(dir, { recursive: true });
  const paths = { caCert: join(dir, 'ca.crt'), caKey: join(dir, 'ca.key'), tlsCert: join(dir, 'tls.crt'), tlsKey: join(dir, 'tls.key') };
  await writeFile(paths.caCert, certs.caCert, { mode: 0o644 });
  await writeFile(paths.caKey, certs.caKey, { mode: 0o600 });
  await writeFile(paths.tlsCert, certs.tlsCert, { mode: 0o644 });
  await writeFile(paths.tlsKey, certs.tlsKey, { mode: 0o600 });
  return paths;
}
