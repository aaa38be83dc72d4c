// MutatePod: one AdmissionRequest in, one AdmissionResponse out, with a report of what happened for
// logs and metrics. Upstream's behaviour, plus podiam's trust check and its accounting of pods that
// were admitted unmutated although they may need credentials.
import type { AdmissionRequest, AdmissionResponseBody } from './admission-review.ts';
import {
  decidePodMutation,
  decodePod,
  containerCredentialsEntry,
  SKIP_POD_LABEL,
  type ContainerCredentialsIdentities,
  type CredentialMethod,
  type MutationSettings,
  type PodMutation,
  type RandomInt,
  type ServiceAccountLookup,
} from './patch/index.ts';
import { serviceAccountSubject, type TrustCheck, type TrustVerdict } from './trust-check.ts';

/** Where a ServiceAccount came from, or why it is missing. */
export type LookupSource = 'cache' | 'notified' | 'api' | 'not-found' | 'error';

/** A ServiceAccount lookup with its provenance. */
export interface ServiceAccountLookupResult {
  readonly lookup: ServiceAccountLookup;
  readonly source: LookupSource;
  /** The failure, when source is 'error'. */
  readonly error?: string;
}

/** Finds ServiceAccounts (the informer cache with a direct GET behind it). */
export interface ServiceAccountSource {
  lookup(namespace: string, name: string): Promise<ServiceAccountLookupResult>;
}

/** The trust check as configured. */
export interface TrustCheckSettings {
  readonly check: TrustCheck;
  /** The cluster's service-account issuer; without it the check cannot run. */
  readonly issuer: string | undefined;
  /** Refuse pods whose role would not trust them (`--deny-untrusted`) instead of warning. */
  readonly deny: boolean;
  readonly timeoutMs: number;
}

/** What `admitPod` needs. */
export interface AdmitPodDeps {
  readonly settings: MutationSettings;
  readonly serviceAccounts: ServiceAccountSource;
  readonly containerCredentials: () => ContainerCredentialsIdentities | undefined;
  readonly trust: TrustCheckSettings | undefined;
  readonly randomInt: RandomInt;
}

/** Why a pod that may need credentials was admitted without them. */
export type UnmutatedReason =
  | 'service-account-lookup-failed'
  | 'service-account-not-found'
  | 'token-volume-conflict'
  | 'no-container-configured';

/** The trust check's outcome for one pod. */
export type TrustOutcome = { readonly result: 'ok' } | { readonly result: 'refused'; readonly reason: string } | { readonly result: 'error'; readonly reason: string } | { readonly result: 'skipped'; readonly reason: string };

/** What happened to one pod, for logs and metrics. */
export interface AdmissionReport {
  readonly result: 'mutated' | 'unchanged' | 'not-applicable' | 'unmutated' | 'denied' | 'bad-request';
  readonly pod: { readonly namespace: string; readonly name: string; readonly serviceAccount: string };
  readonly lookup: LookupSource | undefined;
  readonly lookupError?: string;
  readonly method?: CredentialMethod;
  readonly roleArn?: string;
  readonly roleArnWellFormed?: boolean;
  readonly unmutatedReason?: UnmutatedReason;
  readonly trust?: TrustOutcome;
  readonly skipLabelPresent?: boolean;
  readonly message?: string;
}

/** The response and the report for one AdmissionRequest. */
export interface AdmissionDecision {
  readonly response: AdmissionResponseBody;
  readonly report: AdmissionReport;
}

/** Decides one pod's admission. */
export async function admitPod(request: AdmissionRequest, deps: AdmitPodDeps): Promise<AdmissionDecision> {
  const decoded = decodePod(request.object);
  if (!decoded.ok) {
    return {
      response: { allowed: false, status: { message: decoded.error.message } },
      report: { result: 'bad-request', pod: { namespace: request.namespace, name: request.name, serviceAccount: '' }, lookup: undefined, message: decoded.error.message },
    };
  }
  const pod = decoded.pod;
  const namespace = request.namespace;
  const serviceAccountName = pod.spec?.serviceAccountName ?? '';
  const podRef = { namespace, name: pod.metadata?.name || pod.metadata?.generateName || request.name, serviceAccount: serviceAccountName };
  const skipLabelPresent = Object.hasOwn(pod.metadata?.labels ?? {}, SKIP_POD_LABEL);

  const entry = containerCredentialsEntry(deps.containerCredentials(), namespace, serviceAccountName);
  const found = await deps.serviceAccounts.lookup(namespace, serviceAccountName);
  const mutation = decidePodMutation({
    pod,
    serviceAccount: found.lookup,
    containerCredentialsListed: entry !== undefined,
    containerCredentialsWorkloadIdentity: entry?.workloadIdentity ?? false,
    settings: deps.settings,
    randomInt: deps.randomInt,
  });
  const base = {
    pod: podRef,
    lookup: found.source,
    ...(found.error === undefined ? {} : { lookupError: found.error }),
    ...(skipLabelPresent ? { skipLabelPresent } : {}),
  };
  const sa = found.lookup.found ? found.lookup.config : undefined;
  const roleFields = sa?.roleArn ? { roleArn: sa.roleArn, roleArnWellFormed: sa.roleArnWellFormed } : {};

  switch (mutation.kind) {
    case 'not-mutated': {
      if (mutation.reason === 'no-role') return { response: { allowed: true }, report: { ...base, result: 'not-applicable' } };
      const reason: UnmutatedReason = found.source === 'error' ? 'service-account-lookup-failed' : 'service-account-not-found';
      return { response: { allowed: true }, report: { ...base, result: 'unmutated', unmutatedReason: reason } };
    }
    case 'token-volume-conflict':
      return {
        response: { allowed: true },
        report: { ...base, ...roleFields, result: 'unmutated', method: mutation.config.method, unmutatedReason: 'token-volume-conflict', message: `volume "${mutation.config.volumeName}" is reserved for the projected service account token, but the pod declares a ${mutation.volumeSource} volume with that name` },
      };
    case 'patched':
      return finishPatched(mutation, request, serviceAccountName, deps, { ...base, ...roleFields, method: mutation.config.method });
    default: {
      const never: never = mutation;
      return never;
    }
  }
}

async function finishPatched(
  mutation: Extract<PodMutation, { kind: 'patched' }>,
  request: AdmissionRequest,
  serviceAccountName: string,
  deps: AdmitPodDeps,
  base: Omit<AdmissionReport, 'result'>,
): Promise<AdmissionDecision> {
  const patch = Buffer.from(JSON.stringify(mutation.operations)).toString('base64');
  const allowed: AdmissionResponseBody = { allowed: true, patch, patchType: 'JSONPatch' };
  const configured = containersWithCredentials(mutation);
  const report: AdmissionReport = {
    ...base,
    result: mutation.changed ? 'mutated' : 'unchanged',
    ...(configured === 0 ? { unmutatedReason: 'no-container-configured' as const } : {}),
  };
  const roleArn = mutation.config.roleArn;
  if (deps.trust === undefined || mutation.config.method !== 'sts_web_identity' || roleArn === undefined) return { response: allowed, report };

  const trust = await runTrustCheck(deps.trust, roleArn, request.namespace, serviceAccountName, mutation.config.audience);
  const withTrust: AdmissionReport = { ...report, trust };
  if (trust.result !== 'refused') return { response: allowed, report: withTrust };
  const message = `podiam: role ${roleArn} would refuse this pod's web identity token (ServiceAccount ${request.namespace}/${serviceAccountName}): ${trust.reason}`;
  if (deps.trust.deny) {
    return { response: { allowed: false, status: { code: 403, reason: 'Forbidden', message } }, report: { ...withTrust, result: 'denied', message } };
  }
  return { response: { ...allowed, warnings: [message] }, report: withTrust };
}

async function runTrustCheck(trust: TrustCheckSettings, roleArn: string, namespace: string, name: string, aud: string): Promise<TrustOutcome> {
  if (trust.issuer === undefined) return { result: 'skipped', reason: 'no --service-account-issuer configured' };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<TrustVerdict | 'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), trust.timeoutMs);
  });
  try {
    const verdict = await Promise.race([trust.check(roleArn, { issuer: trust.issuer, sub: serviceAccountSubject(namespace, name), aud }), timeout]);
    if (verdict === 'timeout') return { result: 'error', reason: `no answer within ${trust.timeoutMs} ms` };
    return verdict.ok ? { result: 'ok' } : { result: 'refused', reason: verdict.reason };
  } catch (error) {
    return { result: 'error', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

// How many containers (and init containers) end up with the method's credential variables.
function containersWithCredentials(mutation: Extract<PodMutation, { kind: 'patched' }>): number | undefined {
  const markers = mutation.config.method === 'container_credentials'
    ? ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']
    : ['AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE'];
  let total = 0;
  let configured = 0;
  for (const op of mutation.operations) {
    if (op.path !== '/spec/containers' && op.path !== '/spec/initContainers') continue;
    for (const container of op.value as { env?: { name: string }[] }[]) {
      total += 1;
      if ((container.env ?? []).some((e) => markers.includes(e.name))) configured += 1;
    }
  }
  return total === 0 ? undefined : configured;
}
