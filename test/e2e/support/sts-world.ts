// Set-up for the STS end-to-end tests: accounts, roles, policies, users and OIDC providers written into
// a running `podiam serve`'s store (SQLite in its data directory; the server's snapshot picks the
// writes up through its revision poll) until the IAM and Organizations APIs can create them. Also an
// asynchronous runner for the AWS CLI and boto3, so that a test OIDC issuer in the test process keeps
// answering while they run.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { newSecretAccessKey, newUniqueId } from '../../../src/identity/index.ts';
import { openStore, StoreConflict, type Store } from '../../../src/store/index.ts';
import type { CliResult } from './aws-cli.ts';

/** Writes IAM state for a test into a podiam's store. */
export class StsWorld {
  readonly store: Store;

  private constructor(store: Store) {
    this.store = store;
  }

  /** Opens the store of the podiam serving from `dataDir`. */
  static async open(dataDir: string): Promise<StsWorld> {
    return new StsWorld(await openStore({ kind: 'sqlite', path: join(dataDir, 'podiam.db') }));
  }

  async close(): Promise<void> {
    await this.store.close();
  }

  /** Waits until the server has seen the writes (it polls the store's revision every second). */
  async settle(): Promise<void> {
    await new Promise((r) => setTimeout(r, 1600));
  }

  async account(id: string, name = `account-${id}`): Promise<void> {
    const inserted = await this.store.accounts.insert({
      id,
      name,
      email: `${name}@example.com`,
      organizationId: undefined,
      parentId: undefined,
      status: 'ACTIVE',
      joinedMethod: 'CREATED',
      createdAt: new Date(),
    });
    if (inserted instanceof StoreConflict) throw new Error(`account ${id} exists`);
  }

  /** Creates a role; returns its ARN and unique ID. */
  async role(
    accountId: string,
    name: string,
    trust: unknown,
    options: { maxSessionDuration?: number; path?: string; tags?: Record<string, string>; inline?: Record<string, unknown>; attach?: string[] } = {},
  ): Promise<{ arn: string; roleId: string }> {
    const roleId = newUniqueId('AROA');
    const path = options.path ?? '/';
    await this.store.transaction(async (tx) => {
      const inserted = await tx.roles.insert({
        roleId,
        accountId,
        name,
        path,
        assumeRolePolicy: JSON.stringify(trust),
        description: undefined,
        maxSessionDuration: options.maxSessionDuration ?? 3600,
        permissionsBoundaryArn: undefined,
        tags: Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, value })),
        createdAt: new Date(),
      });
      if (inserted instanceof StoreConflict) throw new Error(`role ${name} exists`);
      for (const [policyName, document] of Object.entries(options.inline ?? {})) {
        await tx.inlinePolicies.put({ principalId: roleId, principalType: 'role', accountId, policyName, document: JSON.stringify(document) });
      }
      for (const policyArn of options.attach ?? []) await tx.policyAttachments.attach({ policyArn, principalId: roleId, principalType: 'role', accountId });
    });
    return { arn: `arn:aws:iam::${accountId}:role${path}${name}`, roleId };
  }

  /** Creates a customer managed policy (or an AWS managed one with accountId `aws`); returns its ARN. */
  async managedPolicy(accountId: string, name: string, document: unknown): Promise<string> {
    const arn = `arn:aws:iam::${accountId}:policy/${name}`;
    const now = new Date();
    const inserted = await this.store.managedPolicies.insert(
      {
        arn,
        accountId: accountId === 'aws' ? undefined : accountId,
        name,
        path: '/',
        policyId: newUniqueId('ANPA'),
        defaultVersionId: 'v1',
        description: undefined,
        tags: [],
        isAttachable: true,
        createdAt: now,
        updatedAt: now,
      },
      { policyArn: arn, versionId: 'v1', document: JSON.stringify(document), createdAt: now },
    );
    // AWS managed policies may already be shipped by the server.
    if (inserted instanceof StoreConflict && accountId !== 'aws') throw new Error(`policy ${arn} exists`);
    return arn;
  }

  /** Creates an IAM user with inline policies and an access key; returns its ARN and keys. */
  async user(
    accountId: string,
    name: string,
    inline: Record<string, unknown> = {},
  ): Promise<{ arn: string; userId: string; accessKeyId: string; secretAccessKey: string }> {
    const userId = newUniqueId('AIDA');
    const accessKeyId = newUniqueId('AKIA');
    const secretAccessKey = newSecretAccessKey();
    await this.store.transaction(async (tx) => {
      const inserted = await tx.users.insert({ userId, accountId, name, path: '/', permissionsBoundaryArn: undefined, tags: [], createdAt: new Date() });
      if (inserted instanceof StoreConflict) throw new Error(`user ${name} exists`);
      for (const [policyName, document] of Object.entries(inline)) {
        await tx.inlinePolicies.put({ principalId: userId, principalType: 'user', accountId, policyName, document: JSON.stringify(document) });
      }
      await tx.accessKeys.insert({ accessKeyId, accountId, userId, secretAccessKey, status: 'Active', createdAt: new Date() });
    });
    return { arn: `arn:aws:iam::${accountId}:user/${name}`, userId, accessKeyId, secretAccessKey };
  }

  /** Registers an IAM OIDC provider (URL without scheme, as IAM stores it); returns its ARN. */
  async oidcProvider(accountId: string, url: string, clientIds: string[], thumbprints: string[] = []): Promise<string> {
    const arn = `arn:aws:iam::${accountId}:oidc-provider/${url}`;
    const inserted = await this.store.oidcProviders.insert({ arn, accountId, url, clientIds, thumbprints, tags: [], jwks: undefined, createdAt: new Date() });
    if (inserted instanceof StoreConflict) throw new Error(`provider ${arn} exists`);
    return arn;
  }
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
