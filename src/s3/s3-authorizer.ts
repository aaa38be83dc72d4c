// Authorization of an S3 request with the whole picture (IAM User Guide, "Policy evaluation logic";
// Amazon S3 User Guide, "How Amazon S3 authorizes a request"): the caller's identity policies,
// boundary, session policies and SCPs, the bucket owner's RCPs, and the bucket policy as the resource
// policy with the bucket owner's account as the resource account — so a caller of another account
// needs both its own policies and the bucket policy to allow. Anonymous callers are principal `*`,
// allowed only by a bucket policy that grants to everyone. Under RestrictPublicBuckets a public
// policy's public statements grant nothing to anonymous callers or to other accounts ("only AWS
// service principals and authorized users within the bucket owner's account").
// AccessDenied says which principal was refused which action on which resource and why, as S3 does
// for requests within the bucket owner's account or organization ("Troubleshoot access denied (403
// Forbidden) errors in Amazon S3"); other callers get "Access Denied".
import { awsError, type AwsError } from '../aws/index.ts';
import { authorizeCall, denialReason, type Caller, type IamSnapshot, type RequestFacts } from '../identity/index.ts';
import type { ContextValue } from '../policy/index.ts';
import type { BucketEntry } from './bucket-directory.ts';

/** The caller of an unsigned request: the anonymous principal, `*`. */
export const ANONYMOUS_CALLER: Caller = Object.freeze({
  secretAccessKey: '',
  accessKeyId: '',
  principal: Object.freeze({ type: 'Anonymous' as const, arn: '*' }),
  userId: 'anonymous',
  tags: Object.freeze({}),
});

/** One authorization question of an S3 request. */
export interface S3AuthorizationQuestion {
  /** Undefined for anonymous requests. */
  readonly caller: Caller | undefined;
  readonly action: string;
  readonly resource: string;
  /** The bucket acted on; undefined for ListBuckets and a bucket being created. */
  readonly bucket: BucketEntry | undefined;
  readonly context: Readonly<Record<string, ContextValue>>;
}

function sameOrganization(snapshot: IamSnapshot, a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  if (a === b) return true;
  const org = snapshot.accounts.get(a)?.organizationId;
  return org !== undefined && org === snapshot.accounts.get(b)?.organizationId;
}

/** Decides; returns undefined when allowed, S3's AccessDenied otherwise. */
export function authorizeS3(snapshot: IamSnapshot, facts: RequestFacts, q: S3AuthorizationQuestion): AwsError | undefined {
  const caller = q.caller ?? ANONYMOUS_CALLER;
  const callerAccount = caller.principal.accountId;
  const resourceAccount = q.bucket?.bucket.accountId ?? callerAccount ?? '';
  const outsider = callerAccount !== resourceAccount;
  const entry = q.bucket;
  const restrict = entry !== undefined && entry.policyIsPublic && outsider && entry.bucket.publicAccessBlock?.restrictPublicBuckets === true;
  const resourcePolicy = restrict ? entry.restrictedPolicy : entry?.policy;
  const result = authorizeCall(snapshot, caller, facts, {
    action: q.action,
    resource: q.resource,
    resourceAccount,
    ...(resourcePolicy !== undefined ? { resourcePolicy } : {}),
    context: { ...q.context, 'aws:ResourceAccount': resourceAccount, 's3:ResourceAccount': resourceAccount },
  });
  if (result.decision.decision === 'allowed') return undefined;
  const why = result.explanation;
  const detail = `${caller.principal.arn} ${q.action} ${q.resource}: ${result.decision.decision}/${result.decision.basis}${restrict ? ' (RestrictPublicBuckets)' : ''}`;
  if (q.caller === undefined || why === undefined || !sameOrganization(snapshot, callerAccount, resourceAccount)) {
    return awsError('AccessDenied', 'Access Denied', { detail });
  }
  return awsError(
    'AccessDenied',
    `User: ${caller.principal.arn} is not authorized to perform: ${q.action} on resource: "${q.resource}" ${denialReason(why, q.action)}`,
    { detail },
  );
}
