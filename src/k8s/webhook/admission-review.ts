// The AdmissionReview wire format (admission.k8s.io/v1 and v1beta1 have the same JSON shape):
// the API server POSTs {apiVersion, kind, request}; the webhook answers with the same apiVersion
// and kind and a response carrying the request's uid, `allowed`, and a base64 JSONPatch.

/** The AdmissionReview versions podiam accepts. */
export const ADMISSION_REVIEW_VERSIONS = ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'] as const;
export type AdmissionReviewVersion = (typeof ADMISSION_REVIEW_VERSIONS)[number];

/** The fields of an AdmissionRequest the webhook reads. */
export interface AdmissionRequest {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly operation: string;
  readonly dryRun: boolean;
  readonly object: unknown;
}

/** An AdmissionResponse (without uid, which the review adds). */
export interface AdmissionResponseBody {
  readonly allowed: boolean;
  readonly patch?: string;
  readonly patchType?: 'JSONPatch';
  readonly status?: { readonly message: string; readonly code?: number; readonly reason?: string };
  readonly warnings?: readonly string[];
}

/** A decoded review, or why it could not be decoded (upstream answers that with a message). */
export type DecodedReview =
  | { readonly ok: true; readonly apiVersion: string; readonly kind: string; readonly request: AdmissionRequest }
  | { readonly ok: false; readonly apiVersion: string; readonly kind: string; readonly uid: string; readonly message: string };

/** Reads an AdmissionReview from a request body. */
export function decodeAdmissionReview(body: string): DecodedReview {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, apiVersion: '', kind: '', uid: '', message: `couldn't get version/kind; json parse error: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, apiVersion: '', kind: '', uid: '', message: "couldn't get version/kind; json parse error: not an object" };
  }
  const review = value as Record<string, unknown>;
  const apiVersion = typeof review['apiVersion'] === 'string' ? review['apiVersion'] : '';
  const kind = typeof review['kind'] === 'string' ? review['kind'] : '';
  if (apiVersion === '' || kind === '') {
    return { ok: false, apiVersion, kind, uid: '', message: `Object 'Kind' is missing in '${body.slice(0, 200)}'` };
  }
  if (!(ADMISSION_REVIEW_VERSIONS as readonly string[]).includes(apiVersion) || kind !== 'AdmissionReview') {
    return { ok: false, apiVersion, kind, uid: '', message: `no kind "${kind}" is registered for version "${apiVersion}"` };
  }
  const request = review['request'];
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return { ok: false, apiVersion, kind, uid: '', message: 'bad content' };
  }
  const r = request as Record<string, unknown>;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  return {
    ok: true,
    apiVersion,
    kind,
    request: {
      uid: str(r['uid']),
      namespace: str(r['namespace']),
      name: str(r['name']),
      operation: str(r['operation']),
      dryRun: r['dryRun'] === true,
      object: r['object'],
    },
  };
}

/** The AdmissionReview answer: the request's apiVersion and kind echoed, the response with its uid. */
export function encodeAdmissionReview(apiVersion: string, kind: string, uid: string, response: AdmissionResponseBody): Record<string, unknown> {
  return {
    apiVersion: apiVersion === '' ? ADMISSION_REVIEW_VERSIONS[0] : apiVersion,
    kind: kind === '' ? 'AdmissionReview' : kind,
    response: { uid, ...response },
  };
}
