// First start: the management account, the administrator's access key, and the AWS shared credentials
// and config files in the data directory, so the AWS CLI works against podiam with no other set-up.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newSecretAccessKey, newUniqueId } from '../identity/index.ts';
import { StoreConflict, type Store } from '../store/index.ts';

/** The administrator's keys, as written to the credentials file. */
export interface AdminCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The administrator: an IAM user of the management account, as AWS's set-up guides create one. */
export const ADMIN_USER_NAME = 'admin';
const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';
/** Allow everything: AdministratorAccess's document, for a store without the AWS managed policies. */
const ALLOW_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

/**
 * Ensures the management account and the administrator, and returns the administrator's keys. The
 * administrator is the IAM user `admin` with AdministratorAccess attached (inline, where the AWS
 * managed policies are not in the store), not the account root: AWS refuses root access keys for
 * much (root may not assume roles, for one) and advises against creating them. Keys given by the
 * environment become the administrator's. A data directory from before the administrator existed
 * keeps using its root key.
 */
export async function bootstrap(
  store: Store,
  options: { accountId: string; adminKey?: AdminCredentials; now: Date },
): Promise<AdminCredentials> {
  const { accountId, now } = options;
  return store.transaction(async (tx) => {
    if ((await tx.accounts.get(accountId)) === undefined) {
      await tx.accounts.insert({
        id: accountId,
        name: 'management',
        email: `management+${accountId}@podiam.local`,
        organizationId: undefined,
        parentId: undefined,
        status: 'ACTIVE',
        joinedMethod: 'CREATED',
        createdAt: now,
      });
    }
    const ensureAdmin = async (): Promise<string> => {
      const existing = await tx.users.get(accountId, ADMIN_USER_NAME);
      if (existing !== undefined) return existing.userId;
      const userId = newUniqueId('AIDA');
      const inserted = await tx.users.insert({ userId, accountId, name: ADMIN_USER_NAME, path: '/', permissionsBoundaryArn: undefined, tags: [], createdAt: now });
      if (inserted instanceof StoreConflict) throw new Error(`bootstrap: the user ${ADMIN_USER_NAME} could not be created`);
      if ((await tx.managedPolicies.get(ADMINISTRATOR_ACCESS)) !== undefined) {
        await tx.policyAttachments.attach({ policyArn: ADMINISTRATOR_ACCESS, principalId: userId, principalType: 'user', accountId });
      } else {
        await tx.inlinePolicies.put({ principalId: userId, principalType: 'user', accountId, policyName: 'AdministratorAccess', document: ALLOW_ALL });
      }
      return userId;
    };
    if (options.adminKey !== undefined) {
      const wanted = options.adminKey;
      const userId = await ensureAdmin();
      const existing = await tx.accessKeys.get(wanted.accessKeyId);
      if (existing === undefined || existing.secretAccessKey !== wanted.secretAccessKey || existing.userId !== userId || existing.status !== 'Active') {
        if (existing !== undefined) await tx.accessKeys.delete(existing.accessKeyId);
        await tx.accessKeys.insert({ accessKeyId: wanted.accessKeyId, accountId, userId, secretAccessKey: wanted.secretAccessKey, status: 'Active', createdAt: now });
      }
      return wanted;
    }
    const admin = await tx.users.get(accountId, ADMIN_USER_NAME);
    const adminKey = admin === undefined ? undefined : (await tx.accessKeys.listForUser(accountId, admin.userId)).find((k) => k.status === 'Active');
    if (adminKey !== undefined) return { accessKeyId: adminKey.accessKeyId, secretAccessKey: adminKey.secretAccessKey };
    const legacyRootKey = (await tx.accessKeys.listForUser(accountId, undefined)).find((k) => k.status === 'Active');
    if (legacyRootKey !== undefined && admin === undefined) return { accessKeyId: legacyRootKey.accessKeyId, secretAccessKey: legacyRootKey.secretAccessKey };
    const userId = await ensureAdmin();
    const created = { accessKeyId: newUniqueId('AKIA'), secretAccessKey: newSecretAccessKey() };
    await tx.accessKeys.insert({ ...created, accountId, userId, status: 'Active', createdAt: now });
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
