// The mutating admission webhook (podiam's amazon-eks-pod-identity-webhook): the pure patch builder,
// the AdmissionReview codec, the server and its configuration, and certificate generation.
export * from './patch/index.ts';
export { ADMISSION_REVIEW_VERSIONS, decodeAdmissionReview, encodeAdmissionReview, type AdmissionRequest, type AdmissionResponseBody, type AdmissionReviewVersion, type DecodedReview } from './admission-review.ts';
export { admitPod, type AdmissionDecision, type AdmissionReport, type AdmitPodDeps, type LookupSource, type ServiceAccountLookupResult, type ServiceAccountSource, type TrustCheckSettings, type TrustOutcome, type UnmutatedReason } from './admit-pod.ts';
export { nullTrustCheck, serviceAccountSubject, type TrustCheck, type TrustVerdict, type WebIdentityClaims } from './trust-check.ts';
export { parseGoDurationMs, parseWebhookConfig, webhookUsage, WebhookConfigError, WEBHOOK_FLAGS, type WebhookConfig } from './webhook-config.ts';
export { loadKubeConfig, startWebhook, type RunningWebhook, type StartWebhookOptions } from './start-webhook.ts';
export { ServiceAccountCache, type ServiceAccountCacheOptions } from './service-account-cache.ts';
export { createWebhookMetrics, type WebhookMetrics } from './metrics.ts';
export { generateWebhookCertificates, serviceDnsNames, writeWebhookCertificates, type CertificateOptions, type WebhookCertificates } from './certs/index.ts';
export { iamTrustCheck } from './iam-trust-check.ts';
export type { IamTrustCheckOptions } from './iam-trust-check.ts';
