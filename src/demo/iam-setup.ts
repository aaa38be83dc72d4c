// Idempotent IAM set-up for the demo's scenarios: each call leaves the entity as the example files say,
// creating it or updating the existing one, so the demo can run again and again against one podiam.
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateOpenIDConnectProviderCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeletePolicyVersionCommand,
  GetOpenIDConnectProviderCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListPolicyVersionsCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAssumeRolePolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { failureOf } from './aws-failure.ts';
import type { Credentials } from './demo-context.ts';

/** Whether an IAM call failed because the entity does not exist. */
function isNoSuchEntity(err: unknown): boolean {
  return failureOf(err).code === 'NoSuchEntity';
}

/** The same JSON value, whatever its layout (IAM returns documents URL-encoded). */
function sameDocument(a: string, b: string): boolean {
  return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
}

/** Creates the role, or replaces the trust policy of the existing one. Returns its ARN and what was done. */
export async function ensureRole(iam: IAMClient, name: string, trustPolicy: string): Promise<{ arn: string; action: 'created' | 'trust policy set' }> {
  try {
    const existing = await iam.send(new GetRoleCommand({ RoleName: name }));
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: trustPolicy }));
    return { arn: existing.Role?.Arn ?? '', action: 'trust policy set' };
  } catch (err) {
    if (!isNoSuchEntity(err)) throw err;
  }
  const created = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy }));
  return { arn: created.Role?.Arn ?? '', action: 'created' };
}

/** Puts (or replaces) a role's inline policy. */
export async function putRolePolicy(iam: IAMClient, role: string, policyName: string, document: string): Promise<void> {
  await iam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: policyName, PolicyDocument: document }));
}

/**
 * A customer managed policy with this document as its default version: created, reused when its
 * default version already says the same, else given a new default version (the oldest non-default
 * version goes first when the policy has IAM's five).
 */
export async function ensureManagedPolicy(iam: IAMClient, account: string, name: string, document: string): Promise<{ arn: string; action: string }> {
  const arn = `arn:aws:iam::${account}:policy/${name}`;
  let defaultVersion: string | undefined;
  try {
    defaultVersion = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId;
  } catch (err) {
    if (!isNoSuchEntity(err)) throw err;
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document }));
    return { arn: created.Policy?.Arn ?? arn, action: 'created' };
  }
  const current = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: defaultVersion }));
  if (sameDocument(decodeURIComponent(current.PolicyVersion?.Document ?? '{}'), document)) return { arn, action: 'reused' };
  const versions = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions ?? [];
  if (versions.length >= 5) {
    const oldest = versions.filter((v) => v.IsDefaultVersion !== true).at(-1);
    if (oldest?.VersionId !== undefined) await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: oldest.VersionId }));
  }
  const version = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: document, SetAsDefault: true }));
  return { arn, action: `new default version ${version.PolicyVersion?.VersionId ?? ''}` };
}

/** Attaches a managed policy to a role (attaching it again changes nothing). */
export async function attachRolePolicy(iam: IAMClient, role: string, policyArn: string): Promise<void> {
  await iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: policyArn }));
}

/**
 * An IAM user with these inline and attached policies and a fresh access key: the demo cannot read the
 * secret of a key it made on an earlier run, so it deletes the user's keys and makes a new one.
 */
export async function ensureUserWithKey(
  iam: IAMClient,
  name: string,
  policies: { readonly inline?: Readonly<Record<string, string>>; readonly attach?: readonly string[] },
): Promise<{ arn: string; keys: Credentials }> {
  let arn: string;
  try {
    arn = (await iam.send(new GetUserCommand({ UserName: name }))).User?.Arn ?? '';
  } catch (err) {
    if (!isNoSuchEntity(err)) throw err;
    arn = (await iam.send(new CreateUserCommand({ UserName: name }))).User?.Arn ?? '';
  }
  for (const [policyName, document] of Object.entries(policies.inline ?? {})) {
    await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: policyName, PolicyDocument: document }));
  }
  for (const policyArn of policies.attach ?? []) await iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: policyArn }));
  const old = (await iam.send(new ListAccessKeysCommand({ UserName: name }))).AccessKeyMetadata ?? [];
  for (const key of old) if (key.AccessKeyId !== undefined) await iam.send(new DeleteAccessKeyCommand({ UserName: name, AccessKeyId: key.AccessKeyId }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey;
  return { arn, keys: { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' } };
}

/** The account's IAM OIDC provider for an issuer URL (with its scheme), created when missing. */
export async function ensureOidcProvider(iam: IAMClient, account: string, issuer: string): Promise<{ arn: string; action: 'created' | 'reused' }> {
  const arn = `arn:aws:iam::${account}:oidc-provider/${issuer.replace(/^https?:\/\//, '')}`;
  try {
    await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    return { arn, action: 'reused' };
  } catch (err) {
    if (!isNoSuchEntity(err)) throw err;
  }
  const created = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: issuer, ClientIDList: ['sts.amazonaws.com'] }));
  return { arn: created.OpenIDConnectProviderArn ?? arn, action: 'created' };
}
