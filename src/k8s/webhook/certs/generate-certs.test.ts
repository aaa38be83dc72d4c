import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { webhookCommand } from '../../../cli/webhook.ts';
import { generateWebhookCertificates } from './index.ts';

function get(port: number, servername: string, ca: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', servername, ca, headers: { host: servername } }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
    });
    req.on('error', reject);
    req.end();
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('webhook serving certificate (Kubernetes: "Configure admission webhooks on the fly", caBundle)', () => {
  it('names the Service as the API server reaches it and is signed by the CA', () => {
    const certs = generateWebhookCertificates({ service: 'podiam-webhook', namespace: 'podiam-system' });
    const leaf = new X509Certificate(certs.tlsCert);
    const ca = new X509Certificate(certs.caCert);
    expect(leaf.subjectAltName).toBe(
      'DNS:podiam-webhook, DNS:podiam-webhook.podiam-system, DNS:podiam-webhook.podiam-system.svc, DNS:podiam-webhook.podiam-system.svc.cluster.local',
    );
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
    expect(Buffer.from(certs.caBundle, 'base64').toString()).toBe(certs.caCert);
  });

  it('is usable by https.request with the CA, and refused without it', async () => {
    const certs = generateWebhookCertificates({ service: 'wh', namespace: 'ns' });
    const server = createServer({ cert: certs.tlsCert, key: certs.tlsKey }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await get(port, 'wh.ns.svc', certs.caCert)).toBe('200');
      await expect(get(port, 'wh.ns.svc', undefined)).rejects.toThrow();
      await expect(get(port, 'other.ns.svc', certs.caCert)).rejects.toThrow(/altnames|Hostname/i);
    } finally {
      server.close();
    }
  });

  it('`podiam webhook certs` writes the files and prints the caBundle', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'podiam-certs-'));
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await webhookCommand.run(['certs', '--service', 'podiam-webhook', '--namespace=podiam-system', '--out', dir])).toBe(0);
    const caPem = await readFile(join(dir, 'ca.crt'), 'utf8');
    expect(out.join('').trim()).toBe(Buffer.from(caPem).toString('base64'));
    const leaf = new X509Certificate(await readFile(join(dir, 'tls.crt')));
    expect(leaf.checkIssued(new X509Certificate(caPem))).toBe(true);
    expect(await webhookCommand.run(['certs', '--service', 'x'])).toBe(2);
  });
});
