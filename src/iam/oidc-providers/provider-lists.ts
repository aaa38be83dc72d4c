// The client ID and thumbprint lists of an OIDC provider and their quotas ("IAM and AWS STS quotas":
// 100 client IDs and 5 thumbprints per provider).
import { awsError } from '../../aws/index.ts';

export const CLIENT_ID = { type: 'string', min: 1, max: 255 } as const;
export const THUMBPRINT = { type: 'string', min: 40, max: 40 } as const;

const MAX_CLIENT_IDS = 100;
const MAX_THUMBPRINTS = 5;

/** Client IDs within the quota. */
export function checkClientIds(clientIds: string[]): string[] {
  if (clientIds.length > MAX_CLIENT_IDS) throw awsError('LimitExceeded', `Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${MAX_CLIENT_IDS}`);
  return clientIds;
}

/** Thumbprints within the quota, each 40 hexadecimal digits. */
export function checkThumbprints(thumbprints: string[]): string[] {
  if (thumbprints.length > MAX_THUMBPRINTS) throw awsError('LimitExceeded', `Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: ${MAX_THUMBPRINTS}`);
  for (const t of thumbprints) {
    if (!/^[0-9a-f]{40}$/i.test(t)) throw awsError('InvalidInput', `Thumbprint ${t} is not valid: a thumbprint is 40 hexadecimal digits.`);
  }
  return thumbprints;
}
