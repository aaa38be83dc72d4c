// Root user access keys for tests of root-only rules ("Roles may not be assumed by root accounts",
// GetSessionToken's one-hour cap for root). podiam's first start gives the administrator IAM user a
// key, never the root (as AWS advises); AWS makes root keys only in the console, so here a key is put
// in the store of a running podiam directly, and is usable once the server's snapshot has it.
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { newSecretAccessKey, newUniqueId } from '../../../src/identity/index.ts';
import { openStore } from '../../../src/store/index.ts';
import type { PodiamProcess } from './podiam-process.ts';

/** Creates an access key of the account root in the podiam's SQLite store and waits until it signs. */
export async function rootAccessKey(podiam: Pick<PodiamProcess, 'url' | 'dataDir' | 'accountId'>): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const keys = { accessKeyId: newUniqueId('AKIA'), secretAccessKey: newSecretAccessKey() };
  const store = await openStore({ kind: 'sqlite', path: join(podiam.dataDir, 'podiam.db') });
  try {
    await store.transaction((tx) => tx.accessKeys.insert({ ...keys, accountId: podiam.accountId, userId: undefined, status: 'Active', createdAt: new Date() }));
  } finally {
    await store.close();
  }
  const sts = new STSClient({ endpoint: podiam.url, region: 'us-east-1', credentials: keys });
  for (let attempt = 0; ; attempt++) {
    try {
      const who = await sts.send(new GetCallerIdentityCommand({}));
      if (who.Arn === `arn:aws:iam::${podiam.accountId}:root`) return keys;
      throw new Error(`the new root key signs as ${who.Arn}`);
    } catch (err) {
      if (attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
