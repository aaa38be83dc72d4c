// `SimulateCustomPolicy` as a pure function: the request IAM takes, the response IAM gives
// (IAM API Reference, "SimulateCustomPolicy", "ContextEntry"), plus inputs IAM's simulator lacks:
// session policies, SCPs and RCPs.
import type { PolicyType } from '../ast.ts';
import { compilePolicy, type PolicyKind } from '../compile.ts';
import { RequestContext, type ContextValue } from '../context.ts';
import { parsePolicy } from '../parse/index.ts';
import type { RequestPrincipal } from '../principal.ts';
import { simulate, type EvaluationResult, type SimulationPolicy } from './simulate.ts';

/** One `ContextEntry`. */
export interface ContextEntry {
  readonly ContextKeyName: string;
  readonly ContextKeyValues: readonly string[];
  readonly ContextKeyType: string;
}

/** A level of an organisation's policies: one policy document, or the documents attached at that level. */
export type OrganizationLevelInput = string | readonly string[];

/** The `SimulateCustomPolicy` request, with podiam's extra inputs. */
export interface SimulateCustomPolicyRequest {
  readonly PolicyInputList: readonly string[];
  readonly ActionNames: readonly string[];
  readonly ResourceArns?: readonly string[];
  readonly ResourcePolicy?: string;
  readonly ResourceOwner?: string;
  readonly CallerArn?: string;
  readonly ContextEntries?: readonly ContextEntry[];
  readonly PermissionsBoundaryPolicyInputList?: readonly string[];
  readonly ResourceHandlingOption?: string;
  readonly MaxItems?: number;
  readonly Marker?: string;
  /** podiam: session policies of the simulated session (ORed, then intersected with identity policies). */
  readonly SessionPolicyInputList?: readonly string[];
  /** podiam: SCPs of the caller's account, one entry per organisation level (root first). */
  readonly ServiceControlPolicyInputList?: readonly OrganizationLevelInput[];
  /** podiam: RCPs of the resource's account, one entry per organisation level (root first). */
  readonly ResourceControlPolicyInputList?: readonly OrganizationLevelInput[];
}

/** The `SimulateCustomPolicy` response. */
export interface SimulatePolicyResponse {
  readonly EvaluationResults: EvaluationResult[];
  readonly IsTruncated: boolean;
}

/** An error as IAM returns it for this call. */
export interface SimulationError {
  readonly code: 'InvalidInput' | 'MalformedPolicyDocument';
  readonly message: string;
}

export type SimulationOutcome = { ok: true; response: SimulatePolicyResponse } | { ok: false; error: SimulationError };

const CONTEXT_TYPES = new Set([
  'string',
  'stringlist',
  'numeric',
  'numericlist',
  'boolean',
  'booleanlist',
  'ip',
  'iplist',
  'binary',
  'binarylist',
  'date',
  'datelist',
]);

/** Builds the request context from `ContextEntries`; list types give multivalued keys. */
export function contextFromEntries(entries: readonly ContextEntry[]): RequestContext | SimulationError {
  const pairs: [string, ContextValue][] = [];
  for (const entry of entries) {
    const type = String(entry.ContextKeyType ?? '').toLowerCase();
    if (!CONTEXT_TYPES.has(type)) {
      return { code: 'InvalidInput', message: `Invalid ContextKeyType ${entry.ContextKeyType} for ContextKeyName ${entry.ContextKeyName}` };
    }
    const values = (entry.ContextKeyValues ?? []).map(String);
    pairs.push([entry.ContextKeyName, type.endsWith('list') ? values : (values[0] ?? '')]);
  }
  return new RequestContext(pairs);
}

const USER_ARN = /^arn:([\w-]+):iam::(\d{12}):user\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/;
const SESSION_ARN = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/([\w+=,.@-]+)$/;
const ROOT_ARN = /^arn:([\w-]+):iam::(\d{12}):root$/;
const PROVIDER_ARN = /^arn:[\w-]+:iam::(\d{12}):(oidc-provider|saml-provider)\/.+$/;

/** The simulated caller from `CallerArn` (IAM accepts user ARNs; podiam also takes role sessions and root). */
export function callerPrincipal(callerArn: string | undefined, ownerAccount: string | undefined): RequestPrincipal | SimulationError {
  if (callerArn === undefined) {
    return { type: 'User', arn: '(simulated caller)', ...(ownerAccount !== undefined ? { accountId: ownerAccount } : {}) };
  }
  const user = USER_ARN.exec(callerArn);
  if (user !== null) return { type: 'User', arn: callerArn, accountId: user[2] as string };
  const session = SESSION_ARN.exec(callerArn);
  if (session !== null) {
    return {
      type: 'AssumedRole',
      arn: callerArn,
      accountId: session[2] as string,
      roleArn: `arn:${session[1] as string}:iam::${session[2] as string}:role/${session[3] as string}`,
    };
  }
  const root = ROOT_ARN.exec(callerArn);
  if (root !== null) return { type: 'Root', arn: callerArn, accountId: root[2] as string };
  // podiam: a web identity federated by an OIDC or SAML provider, to simulate role trust policies.
  const provider = PROVIDER_ARN.exec(callerArn);
  if (provider !== null) {
    const type = provider[2] === 'saml-provider' ? 'SAML' : 'WebIdentity';
    return { type, arn: callerArn, accountId: provider[1] as string, federatedProvider: callerArn };
  }
  return { code: 'InvalidInput', message: `Invalid CallerArn: ${callerArn} is not the ARN of an IAM user.` };
}

function ownerAccountOf(resourceOwner: string | undefined): string | undefined | SimulationError {
  if (resourceOwner === undefined) return undefined;
  if (/^\d{12}$/.test(resourceOwner)) return resourceOwner;
  const root = ROOT_ARN.exec(resourceOwner);
  if (root !== null) return root[2];
  const any = /^arn:[\w-]+:iam::(\d{12}):/.exec(resourceOwner);
  if (any !== null) return any[1];
  return { code: 'InvalidInput', message: `Invalid ResourceOwner: ${resourceOwner}` };
}

function isError(value: unknown): value is SimulationError {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

function load(text: string, id: string, type: string, policyType: PolicyType, kind: PolicyKind): SimulationPolicy | SimulationError {
  const parsed = parsePolicy(text, { policyType });
  if (!parsed.ok) {
    const first = parsed.errors[0];
    return { code: 'MalformedPolicyDocument', message: `${id}: ${first?.message ?? 'Syntax errors in policy.'}` };
  }
  return { id, type, text, compiled: compilePolicy(parsed.policy, { id, kind }) };
}

function loadAll(
  texts: readonly string[],
  prefix: string,
  type: string,
  policyType: PolicyType,
  kind: PolicyKind,
): SimulationPolicy[] | SimulationError {
  const out: SimulationPolicy[] = [];
  for (const [i, text] of texts.entries()) {
    const loaded = load(text, `${prefix}.${i + 1}`, type, policyType, kind);
    if (isError(loaded)) return loaded;
    out.push(loaded);
  }
  return out;
}

function loadLevels(
  levels: readonly OrganizationLevelInput[],
  prefix: string,
  policyType: PolicyType,
  kind: PolicyKind,
): SimulationPolicy[][] | SimulationError {
  const out: SimulationPolicy[][] = [];
  for (const [i, level] of levels.entries()) {
    const texts = typeof level === 'string' ? [level] : level;
    const loaded = loadAll(texts, `${prefix}.${i + 1}`, 'none', policyType, kind);
    if (isError(loaded)) return loaded;
    out.push(loaded);
  }
  return out;
}

function isTrustPolicyText(text: string): boolean {
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    return statements.every((s) => typeof s === 'object' && s !== null && !('Resource' in s) && !('NotResource' in s));
  } catch {
    return false;
  }
}

function missing(name: string): SimulationError {
  return { code: 'InvalidInput', message: `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null` };
}

/** Runs `SimulateCustomPolicy`. */
export function simulateCustomPolicy(request: SimulateCustomPolicyRequest): SimulationOutcome {
  if (request.PolicyInputList === undefined) return { ok: false, error: missing('policyInputList') };
  if (request.ActionNames === undefined) return { ok: false, error: missing('actionNames') };
  if (request.ResourcePolicy !== undefined && request.CallerArn === undefined) {
    return { ok: false, error: { code: 'InvalidInput', message: 'CallerArn is required when a ResourcePolicy is provided.' } };
  }
  const owner = ownerAccountOf(request.ResourceOwner);
  if (isError(owner)) return { ok: false, error: owner };
  const principal = callerPrincipal(request.CallerArn, owner);
  if (isError(principal)) return { ok: false, error: principal };
  const context = contextFromEntries(request.ContextEntries ?? []);
  if (isError(context)) return { ok: false, error: context };

  const identity = loadAll(request.PolicyInputList, 'PolicyInputList', 'IAM Policy', 'IDENTITY_POLICY', 'IdentityPolicy');
  if (isError(identity)) return { ok: false, error: identity };
  const boundaries = loadAll(
    request.PermissionsBoundaryPolicyInputList ?? [],
    'PermissionsBoundaryPolicyInputList',
    'IAM Policy',
    'PERMISSIONS_BOUNDARY',
    'PermissionsBoundary',
  );
  if (isError(boundaries)) return { ok: false, error: boundaries };
  const sessions =
    request.SessionPolicyInputList === undefined
      ? undefined
      : loadAll(request.SessionPolicyInputList, 'SessionPolicyInputList', 'IAM Policy', 'SESSION_POLICY', 'SessionPolicy');
  if (isError(sessions)) return { ok: false, error: sessions };
  // podiam: a resource policy without Resource elements is a role trust policy, which must allow on
  // its own (IAM User Guide, "Roles terms and concepts").
  const isTrust = request.ResourcePolicy !== undefined && isTrustPolicyText(request.ResourcePolicy);
  const resourcePolicy =
    request.ResourcePolicy === undefined
      ? undefined
      : load(request.ResourcePolicy, 'ResourcePolicy', 'resource', isTrust ? 'TRUST_POLICY' : 'RESOURCE_POLICY', 'ResourcePolicy');
  if (isError(resourcePolicy)) return { ok: false, error: resourcePolicy };
  const scps =
    request.ServiceControlPolicyInputList === undefined
      ? undefined
      : loadLevels(request.ServiceControlPolicyInputList, 'ServiceControlPolicyInputList', 'SERVICE_CONTROL_POLICY', 'ServiceControlPolicy');
  if (isError(scps)) return { ok: false, error: scps };
  const rcps =
    request.ResourceControlPolicyInputList === undefined
      ? undefined
      : loadLevels(request.ResourceControlPolicyInputList, 'ResourceControlPolicyInputList', 'RESOURCE_CONTROL_POLICY', 'ResourceControlPolicy');
  if (isError(rcps)) return { ok: false, error: rcps };

  const boundary = boundaries[0];
  const results = simulate({
    identity,
    ...(boundary !== undefined ? { permissionsBoundary: boundary } : {}),
    ...(sessions !== undefined ? { sessionPolicies: sessions } : {}),
    ...(resourcePolicy !== undefined ? { resourcePolicy } : {}),
    ...(scps !== undefined ? { scps } : {}),
    ...(rcps !== undefined ? { rcps } : {}),
    actions: request.ActionNames,
    ...(request.ResourceArns !== undefined ? { resources: request.ResourceArns } : {}),
    principal,
    ...(owner !== undefined ? { resourceOwnerAccount: owner } : {}),
    ...(isTrust ? { resourcePolicyRequired: true } : {}),
    context,
  });
  return { ok: true, response: { EvaluationResults: results, IsTruncated: false } };
}
