// ACLs as S3 judges them under S3 Object Ownership "bucket owner enforced", the setting of every
// podiam bucket (Amazon S3 User Guide, "Controlling ownership of objects and disabling ACLs for your
// bucket" and "Troubleshooting" of Object Ownership): ACLs no longer grant anything; a request may
// set an ACL only when it gives the bucket owner full control and nobody anything else — the canned
// ACLs `private` and `bucket-owner-full-control`, `x-amz-grant-full-control` naming the owner alone,
// or the equivalent AccessControlPolicy document. Every other ACL is refused (400
// AccessControlListNotSupported; CreateBucket: InvalidBucketAclWithObjectOwnership).

/** What a request asks of ACLs. */
export type AclRequest = 'none' | 'owner-only' | 'grants-more';

/** The canned ACLs that grant nothing beyond the bucket owner's full control. */
const OWNER_ONLY_CANNED: ReadonlySet<string> = new Set(['private', 'bucket-owner-full-control']);

const GRANT_HEADERS = ['x-amz-grant-full-control', 'x-amz-grant-read', 'x-amz-grant-read-acp', 'x-amz-grant-write', 'x-amz-grant-write-acp'];

type Headers = { readonly [name: string]: string | string[] | undefined };

function one(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

// `id="…", uri="…", emailAddress="…"` (Amazon S3 API Reference, "PutObjectAcl": x-amz-grant-*).
function granteesOf(value: string): { type: string; value: string }[] | undefined {
  const out: { type: string; value: string }[] = [];
  for (const part of value.split(',')) {
    const m = /^\s*(id|uri|emailaddress)\s*=\s*"?([^"]*)"?\s*$/i.exec(part);
    if (m === null) return undefined;
    out.push({ type: (m[1] ?? '').toLowerCase(), value: m[2] ?? '' });
  }
  return out;
}

/** What the ACL headers of a request ask (x-amz-acl, x-amz-grant-*), for a bucket owned by `ownerId`. */
export function aclOfHeaders(headers: Headers, ownerId: string): AclRequest {
  const canned = one(headers, 'x-amz-acl');
  const grants = GRANT_HEADERS.filter((name) => one(headers, name) !== undefined);
  if (canned === undefined && grants.length === 0) return 'none';
  if (canned !== undefined && !OWNER_ONLY_CANNED.has(canned.trim())) return 'grants-more';
  for (const name of grants) {
    if (name !== 'x-amz-grant-full-control') return 'grants-more';
    const grantees = granteesOf(one(headers, name) ?? '');
    if (grantees === undefined || grantees.some((g) => g.type !== 'id' || g.value !== ownerId)) return 'grants-more';
  }
  return 'owner-only';
}

/** One Grant of an AccessControlPolicy document. */
export interface AclGrant {
  readonly grantee: { readonly type: 'CanonicalUser' | 'Group' | 'AmazonCustomerByEmail'; readonly value: string };
  readonly permission: string;
}

/** An AccessControlPolicy document as read (xml/request-documents.ts). */
export interface AccessControlPolicy {
  readonly ownerId: string | undefined;
  readonly grants: readonly AclGrant[];
}

/** What an AccessControlPolicy body asks, for a bucket owned by `ownerId`. */
export function aclOfPolicy(policy: AccessControlPolicy, ownerId: string): AclRequest {
  if (policy.ownerId !== undefined && policy.ownerId !== ownerId) return 'grants-more';
  if (policy.grants.length === 0) return 'grants-more';
  const ownerOnly = policy.grants.every((g) => g.grantee.type === 'CanonicalUser' && g.grantee.value === ownerId && g.permission === 'FULL_CONTROL');
  return ownerOnly ? 'owner-only' : 'grants-more';
}
