// Calls a mutating admission webhook the way kube-apiserver does on CREATE: POSTs an
// AdmissionReview over HTTPS (trusting the webhook's caBundle), checks the answer's uid, applies
// its JSONPatch, and turns a denial or a failure into the API error the server would answer.
import { request } from 'node:https';
import { randomUUID } from 'node:crypto';
import { applyJsonPatch } from './json-patch.ts';
import { statusFailure, type KubeObject } from './kube-object.ts';
import { parseLabelSelector } from './label-selector.ts';
import { ApiError } from './object-store.ts';
import { apiVersionOf, type ResourceKind } from './resource-kinds.ts';

/** A webhook registration (the parts of a MutatingWebhookConfiguration the server honours). */
export interface MutatingWebhook {
  /** Webhook name, used in error messages. */
  readonly name: string;
  /** `https://host:port/path` of the webhook. */
  readonly url: string;
  /** PEM CA bundle that signed the webhook's serving certificate. */
  readonly caBundle: string | Buffer;
  /** Name the serving certificate is checked against (the Service's DNS name; default: the URL's host). */
  readonly servername?: string;
  /** Resource plurals it intercepts (CREATE only). */
  readonly resources: readonly string[];
  /** Label selector on the object, e.g. `!eks.amazonaws.com/skip-pod-identity-webhook`. */
  readonly objectSelector?: string;
  readonly failurePolicy?: 'Ignore' | 'Fail';
  /** Which AdmissionReview version to send (the first of admissionReviewVersions). */
  readonly admissionReviewVersion?: 'v1' | 'v1beta1';
  readonly timeoutSeconds?: number;
}

/** Result of running the webhooks: the (maybe patched) object and the warnings to return. */
export interface AdmissionOutcome {
  readonly object: KubeObject;
  readonly warnings: readonly string[];
}

/** Runs every matching webhook in order over a new object. */
export async function admitCreate(
  webhooks: readonly MutatingWebhook[],
  kind: ResourceKind,
  namespace: string | undefined,
  input: KubeObject,
): Promise<AdmissionOutcome> {
  let object = input;
  const warnings: string[] = [];
  for (const hook of webhooks) {
    if (!hook.resources.includes(kind.plural)) continue;
    if (hook.objectSelector !== undefined && !parseLabelSelector(hook.objectSelector).matches(object.metadata.labels)) continue;
    try {
      const result = await callWebhook(hook, kind, namespace, object);
      warnings.push(...result.warnings);
      object = result.object;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if ((hook.failurePolicy ?? 'Fail') === 'Ignore') continue;
      const detail = error instanceof Error ? error.message : String(error);
      throw new ApiError(statusFailure(500, 'InternalError', `Internal error occurred: failed calling webhook "${hook.name}": ${detail}`));
    }
  }
  return { object, warnings };
}

async function callWebhook(
  hook: MutatingWebhook,
  kind: ResourceKind,
  namespace: string | undefined,
  object: KubeObject,
): Promise<AdmissionOutcome> {
  const version = hook.admissionReviewVersion ?? 'v1';
  const uid = randomUUID();
  const review = {
    apiVersion: `admission.k8s.io/${version}`,
    kind: 'AdmissionReview',
    request: {
      uid,
      kind: { group: kind.group, version: kind.version, kind: kind.kind },
      resource: { group: kind.group, version: kind.version, resource: kind.plural },
      requestKind: { group: kind.group, version: kind.version, kind: kind.kind },
      requestResource: { group: kind.group, version: kind.version, resource: kind.plural },
      name: object.metadata.name ?? '',
      ...(namespace === undefined ? {} : { namespace }),
      operation: 'CREATE',
      userInfo: { username: 'system:admin', groups: ['system:masters', 'system:authenticated'] },
      object: { ...object, apiVersion: apiVersionOf(kind), kind: kind.kind },
      oldObject: null,
      dryRun: false,
      options: { kind: 'CreateOptions', apiVersion: 'meta.k8s.io/v1' },
    },
  };
  const answer = await postJson(hook, review);
  const response = (answer as { response?: Record<string, unknown> }).response;
  if (response === undefined || response['uid'] !== uid) throw new Error('webhook response uid does not match the request');
  if (version === 'v1') {
    const a = answer as { apiVersion?: unknown; kind?: unknown };
    if (a.apiVersion !== 'admission.k8s.io/v1' || a.kind !== 'AdmissionReview') {
      throw new Error(`expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got ${String(a.apiVersion)}, Kind=${String(a.kind)}`);
    }
  }
  const warnings = Array.isArray(response['warnings']) ? response['warnings'].map(String) : [];
  if (response['allowed'] !== true) {
    const result = (response['status'] ?? {}) as { code?: number; message?: string; reason?: string };
    const code = typeof result.code === 'number' && result.code >= 400 ? result.code : 400;
    throw new ApiError(statusFailure(code, result.reason ?? (code === 403 ? 'Forbidden' : 'BadRequest'), `admission webhook "${hook.name}" denied the request: ${result.message ?? 'without explanation'}`));
  }
  if (typeof response['patch'] !== 'string') return { object, warnings };
  if (response['patchType'] !== 'JSONPatch') throw new Error(`unsupported patch type ${String(response['patchType'])}`);
  const operations: unknown = JSON.parse(Buffer.from(response['patch'], 'base64').toString('utf8'));
  if (operations === null) return { object, warnings };
  if (!Array.isArray(operations)) throw new Error('webhook patch is not a JSON array');
  return { object: applyJsonPatch(object, operations) as KubeObject, warnings };
}

function postJson(hook: MutatingWebhook, body: unknown): Promise<unknown> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      hook.url,
      {
        method: 'POST',
        ca: hook.caBundle,
        agent: false,
        ...(hook.servername === undefined ? {} : { servername: hook.servername }),
        headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': payload.length },
        timeout: (hook.timeoutSeconds ?? 10) * 1000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) {
            reject(new Error(`the server responded with the status code ${String(res.statusCode)} but did not return more information: ${text}`));
            return;
          }
          try {
            resolve(JSON.parse(text));
          } catch {
            reject(new Error('received invalid webhook response'));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('context deadline exceeded')));
    req.on('error', reject);
    req.end(payload);
  });
}
