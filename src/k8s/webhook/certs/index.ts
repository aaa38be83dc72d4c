// Certificates for the webhook's Service: a CA (whose PEM, base64, is the caBundle) and a serving pair.
export { generateWebhookCertificates, serviceDnsNames, type CertificateOptions, type WebhookCertificates } from './generate-certs.ts';
export { writeWebhookCertificates } from './write-certs.ts';
