// First start: the management account, the administrator's access key, and the AWS shared credentials
// and config files in the data directory, so the AWS CLI works against podiam with no other set-up.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newSecretAccessKey, newUniqueId } from '../identity/index.ts';
import type { Store } from '../store/index.ts';

/** The administrator's keys, as written to the credentials file. */
export interface AdminCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/**
 * Ensures the management account and the administrator key exist (the account root's key: it may do
 * everything in the account, as AWS root credentials can). Keys given by the environment replace a
 * generated one. Returns the administrator's keys.
 */
export async function bootstrap(
  store: Store,
  options: { accountId: string; adminKey?: AdminCredentials; now: Date },
): Promise<AdminCredentials> {
  return store.transaction(async (tx) => {
    if ((await tx.accounts.get(options.accountId)) === undefined) {
      await tx.accounts.insert({
        id: options.accountId,
        name: 'management',
        email: `management+${options.accountId}@podiam.local`,
        organizationId: undefined,
        parentId: undefined,
        status: 'ACTIVE',
        joinedMethod: 'CREATED',
        createdAt: options.now,
      });
    }
    const rootKeys = (await tx.accessKeys.listForUser(options.accountId, undefined)).filter((k) => k.status === 'Active');
    if (options.adminKey !== undefined) {
      const wanted = options.adminKey;
      const existing = rootKeys.find((k) => k.accessKeyId === wanted.accessKeyId);
      if (existing === undefined || existing.secretAccessKey !== wanted.secretAccessKey) {
        if (existing !== undefined) await tx.accessKeys.delete(existing.accessKeyId);
        await tx.accessKeys.insert({
          accessKeyId: wanted.accessKeyId,
          accountId: options.accountId,
          userId: undefined,
          secretAccessKey: wanted.secretAccessKey,
          status: 'Active',
          createdAt: options.now,
        });
      }
      return wanted;
    }
    const first = rootKeys[0];
    if (first !== undefined) return { accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey };
    const created = { accessKeyId: newUniqueId('AKIA'), secretAccessKey: newSecretAccessKey() };
    await tx.accessKeys.insert({ ...created, accountId: options.accountId, userId: undefined, status: 'Active', createdAt: options.now });
    return created;
  });
}

/** Writes `DIR/credentials` and `DIR/config` (mode 0600) in the AWS CLI's formats. */
export async function writeCliFiles(dataDir: string, admin: AdminCredentials, region: string, endpointUrl: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const credentials = `[default]\naws_access_key_id = ${admin.accessKeyId}\naws_secret_access_key = ${admin.secretAccessKey}\n`;
  // signature_version s3v4: the AWS CLI v1 presigns S3 URLs with Signature Version 2 otherwise, which
  // S3 (and podiam) refuse for buckets created since June 2020.
  const config = `[default]\nregion = ${region}\noutput = json\nendpoint_url = ${endpointUrl}\ns3 =\n    signature_version = s3v4\n`;
  await writeFile(join(dataDir, 'credentials'), credentials, { mode: 0o600 });
  await writeFile(join(dataDir, 'config'), config, { mode: 0o600 });
}
