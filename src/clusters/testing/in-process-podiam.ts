// Test support: a full podiam server in this process (composeServer on an ephemeral loopback port, a
// temporary data directory), with clients of the clusters API for the administrator and for any keys.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { CallRecord } from '../../api/index.ts';
import { composeServer } from '../../cli/compose.ts';
import { PodiamClient, type ClientCredentials } from '../../cli/podiam-client.ts';
import { newSecretAccessKey, newUniqueId } from '../../identity/index.ts';
import { parseServeConfig, startServer, type RunningServer } from '../../server/index.ts';
import { CLUSTERS_SIGNING_NAME, CLUSTERS_TARGET_PREFIX } from '../clusters-service.ts';

export const ACCOUNT = '123456789012';

export interface InProcessPodiam {
  readonly server: RunningServer;
  readonly url: string;
  readonly admin: PodiamClient;
  /** Every call the server recorded for CloudTrail, oldest first. */
  readonly records: readonly CallRecord[];
  clientFor(credentials: ClientCredentials): PodiamClient;
  /** Creates an IAM user in `accountId` (default the management account) with one inline policy; returns its keys. */
  user(name: string, policy: unknown, accountId?: string): Promise<ClientCredentials>;
  close(): Promise<void>;
}

/** Starts podiam in this process; `publicBaseUrl` overrides the issuer base. */
export async function startInProcessPodiam(options: { publicBaseUrl?: string } = {}): Promise<InProcessPodiam> {
  const dataDir = mkdtempSync(join(tmpdir(), 'podiam-clusters-'));
  const config = parseServeConfig({
    listen: '127.0.0.1:0',
    dataDir,
    accountId: ACCOUNT,
    logLevel: 'silent',
    ...(options.publicBaseUrl !== undefined ? { publicBaseUrl: options.publicBaseUrl } : {}),
  });
  if (!config.ok) throw new Error(config.messages.join('; '));
  const records: CallRecord[] = [];
  const parts = { ...composeServer(), recorder: () => ({ record: (r: CallRecord) => void records.push(r), flush: async () => undefined }) };
  const server = await startServer(config.config, parts, pino({ level: 'silent' }));
  const clientFor = (credentials: ClientCredentials) =>
    new PodiamClient({ endpoint: server.url, region: 'us-east-1', credentials }, { signingName: CLUSTERS_SIGNING_NAME, targetPrefix: CLUSTERS_TARGET_PREFIX });
  return {
    server,
    url: server.url,
    admin: clientFor(server.admin),
    records,
    clientFor,
    async user(name, policy, accountId = ACCOUNT) {
      const userId = newUniqueId('AIDA');
      const keys = { accessKeyId: newUniqueId('AKIA'), secretAccessKey: newSecretAccessKey() };
      await server.store.transaction(async (tx) => {
        if ((await tx.accounts.get(accountId)) === undefined) {
          await tx.accounts.insert({
            id: accountId,
            name: `account-${accountId}`,
            email: `${accountId}@example.com`,
            organizationId: undefined,
            parentId: undefined,
            status: 'ACTIVE',
            joinedMethod: 'CREATED',
            createdAt: new Date(),
          });
        }
        await tx.users.insert({ userId, accountId, name, path: '/', permissionsBoundaryArn: undefined, tags: [], createdAt: new Date() });
        await tx.inlinePolicies.put({ principalId: userId, principalType: 'user', accountId, policyName: 'test', document: JSON.stringify(policy) });
        await tx.accessKeys.insert({ ...keys, accountId, userId, status: 'Active', createdAt: new Date() });
      });
      await server.holder.refresh();
      return keys;
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
