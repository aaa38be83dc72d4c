// `podiam webhook certs`: a CA and a serving certificate for the webhook's Service, so the API
// server (trusting the CA through the MutatingWebhookConfiguration's caBundle) can call it. Keys
// come from node:crypto; node-forge only builds and signs the X.509 structures (Node has no API
// to create certificates).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** The generated PEM files. */
export interface WebhookCertificates {
  readonly caCert: string;
  readonly caKey: string;
  readonly tlsCert: string;
  readonly tlsKey: string;
  /** base64 of caCert: the MutatingWebhookConfiguration's `clientConfig.caBundle`. */
  readonly caBundle: string;
  /** DNS names of the serving certificate. */
  readonly dnsNames: readonly string[];
}

/** Options of `generateWebhookCertificates`. */
export interface CertificateOptions {
  readonly service: string;
  readonly namespace: string;
  /** Lifetime of the serving certificate (default 365 days; the CA gets ten times as long). */
  readonly days?: number;
  readonly now?: Date;
}

/** The names a Service is reached by from inside the cluster (as upstream's CSR lists them). */
export function serviceDnsNames(service: string, namespace: string): string[] {
  return [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`];
}

/** Creates a CA and a serving certificate signed by it. */
export function generateWebhookCertificates(options: CertificateOptions): WebhookCertificates {
  const now = options.now ?? new Date();
  const days = options.days ?? 365;
  const dnsNames = serviceDnsNames(options.service, options.namespace);
  const ca = rsaKeyPair();
  const caCert = certificate({
    subject: [{ name: 'commonName', value: `podiam-webhook-ca.${options.namespace}` }],
    issuer: undefined,
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    notBefore: new Date(now.getTime() - 5 * 60_000),
    notAfter: new Date(now.getTime() + days * 10 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  const leaf = rsaKeyPair();
  const tlsCert = certificate({
    subject: [{ name: 'commonName', value: `${options.service}.${options.namespace}.svc` }],
    issuer: caCert,
    publicKey: leaf.publicKey,
    signingKey: ca.privateKey,
    notBefore: new Date(now.getTime() - 5 * 60_000),
    notAfter: new Date(now.getTime() + days * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: dnsNames.map((value) => ({ type: 2, value })) },
      { name: 'subjectKeyIdentifier' },
      { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
    ],
  });
  const caPem = forge.pki.certificateToPem(caCert);
  return {
    caCert: caPem,
    caKey: ca.pem,
    tlsCert: forge.pki.certificateToPem(tlsCert),
    tlsKey: leaf.pem,
    caBundle: Buffer.from(caPem).toString('base64'),
    dnsNames,
  };
}

interface KeyPair {
  readonly pem: string;
  readonly privateKey: forge.pki.rsa.PrivateKey;
  readonly publicKey: forge.pki.rsa.PublicKey;
}

function rsaKeyPair(): KeyPair {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { pem, privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

function certificate(spec: {
  subject: forge.pki.CertificateField[];
  issuer: forge.pki.Certificate | undefined;
  publicKey: forge.pki.rsa.PublicKey;
  signingKey: forge.pki.rsa.PrivateKey;
  notBefore: Date;
  notAfter: Date;
  extensions: unknown[];
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  // A positive 128-bit serial (RFC 5280 4.1.2.2: at most 20 octets, non-negative).
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  cert.serialNumber = serial.toString('hex');
  cert.publicKey = spec.publicKey;
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject(spec.subject);
  cert.setIssuer(spec.issuer === undefined ? spec.subject : spec.issuer.subject.attributes);
  cert.setExtensions(spec.extensions as never[]);
  cert.sign(spec.signingKey, forge.md.sha256.create());
  return cert;
}
