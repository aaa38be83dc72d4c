// The canonical user ID S3 shows as an account's Owner (Amazon S3 User Guide, "Find the canonical
// user ID for your AWS account"): 64 hex digits, stable per account. podiam derives it from the
// account ID.
import { createHash } from 'node:crypto';

const memo = new Map<string, string>();

/** The canonical user ID of an account. */
export function canonicalUserId(accountId: string): string {
  let id = memo.get(accountId);
  if (id === undefined) {
    id = createHash('sha256').update(`podiam canonical user ${accountId}`).digest('hex');
    memo.set(accountId, id);
  }
  return id;
}

/** An Owner element: the canonical ID. */
export function ownerOf(accountId: string): { ID: string } {
  return { ID: canonicalUserId(accountId) };
}
