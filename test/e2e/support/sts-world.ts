// Set-up for the STS end-to-end tests through podiam's own APIs with the AWS SDK v3: member accounts
// from Organizations (CreateAccount, then the management account's operator in the member through
// OrganizationAccountAccessRole), and IAM users, roles, policies and OIDC providers in any account. Also
// an asynchronous runner for the AWS CLI and boto3, so that a test OIDC issuer in the test process keeps
// answering while they run.
import { spawn } from 'node:child_process';
import {
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateOpenIDConnectProviderCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  AttachUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateAccountCommand, CreateOrganizationCommand, DescribeCreateAccountStatusCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { CliResult } from './aws-cli.ts';
import type { PodiamProcess } from './podiam-process.ts';

/** Credentials of a principal. */
export interface Keys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

/** An account the tests act in: its ID and an administrator's credentials there. */
export interface AccountHandle {
  readonly accountId: string;
  readonly admin: Keys;
}

const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** Where a podiam answers and its administrator's keys (a PodiamProcess, or an in-process server). */
export interface PodiamEndpoint {
  readonly url: string;
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Creates IAM state for a test through the APIs of a running podiam. */
export class StsWorld {
  readonly #podiam: PodiamEndpoint;
  readonly management: AccountHandle;
  #operator: Keys | undefined;
  #organization = false;

  constructor(podiam: PodiamEndpoint) {
    this.#podiam = podiam;
    this.management = { accountId: podiam.accountId, admin: { accessKeyId: podiam.accessKeyId, secretAccessKey: podiam.secretAccessKey } };
  }

  #config(keys: Keys) {
    return { endpoint: this.#podiam.url, region: 'us-east-1', credentials: keys };
  }

  iam(account: AccountHandle = this.management): IAMClient {
    return new IAMClient(this.#config(account.admin));
  }

  sts(keys: Keys): STSClient {
    return new STSClient(this.#config(keys));
  }

  /** A member account made with Organizations CreateAccount, administered through OrganizationAccountAccessRole. */
  async memberAccount(name: string): Promise<AccountHandle> {
    const orgs = new OrganizationsClient(this.#config(this.management.admin));
    if (!this.#organization) {
      await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
      this.#organization = true;
    }
    const request = await orgs.send(new CreateAccountCommand({ AccountName: name, Email: `${name}-${Date.now()}@example.com` }));
    const status = await orgs.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: request.CreateAccountStatus?.Id ?? '' }));
    const accountId = status.CreateAccountStatus?.AccountId;
    if (status.CreateAccountStatus?.State !== 'SUCCEEDED' || accountId === undefined) throw new Error(`CreateAccount ${name}: ${JSON.stringify(status)}`);
    // The account root may not assume roles: an IAM administrator of the management account does.
    this.#operator ??= (await this.user(this.management, 'operator', {}, [ADMINISTRATOR_ACCESS])).keys;
    const assumed = await this.sts(this.#operator).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, RoleSessionName: 'setup' }),
    );
    const c = assumed.Credentials;
    return { accountId, admin: { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' } };
  }

  /** An IAM user with inline and attached policies and an access key. */
  async user(
    account: AccountHandle,
    name: string,
    inline: Record<string, unknown> = {},
    attach: string[] = [],
  ): Promise<{ arn: string; keys: Keys }> {
    const iam = this.iam(account);
    const created = await iam.send(new CreateUserCommand({ UserName: name }));
    for (const [PolicyName, document] of Object.entries(inline)) {
      await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName, PolicyDocument: JSON.stringify(document) }));
    }
    for (const PolicyArn of attach) await iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    return { arn: created.User?.Arn ?? '', keys: { accessKeyId: key.AccessKey?.AccessKeyId ?? '', secretAccessKey: key.AccessKey?.SecretAccessKey ?? '' } };
  }

  /** A role with inline and attached policies; returns its ARN. */
  async role(
    account: AccountHandle,
    name: string,
    trust: unknown,
    options: { maxSessionDuration?: number; inline?: Record<string, unknown>; attach?: string[] } = {},
  ): Promise<string> {
    const iam = this.iam(account);
    const created = await iam.send(
      new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust), MaxSessionDuration: options.maxSessionDuration }),
    );
    for (const [PolicyName, document] of Object.entries(options.inline ?? {})) {
      await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName, PolicyDocument: JSON.stringify(document) }));
    }
    for (const PolicyArn of options.attach ?? []) await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn }));
    return created.Role?.Arn ?? '';
  }

  /** A customer managed policy; returns its ARN. */
  async managedPolicy(account: AccountHandle, name: string, document: unknown): Promise<string> {
    const created = await this.iam(account).send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: JSON.stringify(document) }));
    return created.Policy?.Arn ?? '';
  }

  /** An IAM OIDC provider for an issuer URL (with its scheme); returns its ARN. */
  async oidcProvider(account: AccountHandle, url: string, clientIds: string[]): Promise<string> {
    const created = await this.iam(account).send(new CreateOpenIDConnectProviderCommand({ Url: url, ClientIDList: clientIds }));
    return created.OpenIDConnectProviderArn ?? '';
  }
}

/** Environment for the AWS CLI / boto3 acting with these credentials. */
export function envFor(podiam: PodiamProcess, keys: Keys): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...podiam.env, AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey };
  if (keys.sessionToken !== undefined && keys.sessionToken !== '') env['AWS_SESSION_TOKEN'] = keys.sessionToken;
  else delete env['AWS_SESSION_TOKEN'];
  return env;
}

/** Runs a command without blocking the event loop; parses stdout as JSON when it is. */
export function runAsync(command: string, args: readonly string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      let json: unknown;
      try {
        json = stdout.trim() === '' ? undefined : JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      resolve({ status: status ?? -1, stdout, stderr, json });
    });
    child.stdin.end(input ?? '');
  });
}

/** `aws ARGS --output json`, asynchronously. */
export function awsAsync(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return runAsync('aws', [...args, '--output', 'json'], env);
}

/** A python3 (boto3) script, asynchronously. */
export function pythonAsync(script: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  return runAsync('python3', ['-c', script], env);
}
