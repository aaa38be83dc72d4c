// Buckets as the hot path needs them: the stored bucket with its policy compiled (whole, and without
// its public statements for RestrictPublicBuckets), whether the policy is public, and the tag
// condition keys. Cached in memory; the cache is dropped whenever the store's revision moves
// (bucket writes are versioned, so another replica's change is seen within its poll), and at once
// after this process's own bucket writes. The policy's bound role and user principals (IAM User Guide,
// "AWS JSON policy elements: Principal") are looked up when the entry is built, never per request.
import { currentPrincipalArns, principalRewrites, rewritePrincipals, shownPolicyText, type PrincipalRewrites } from '../identity/index.ts';
import type { ContextValue } from '../policy/index.ts';
import { compilePolicy, parsePolicy, type CompiledPolicy } from '../policy/index.ts';
import type { S3Bucket, Store } from '../store/index.ts';
import { isPublicPolicy, withoutPublicStatements } from './public-policy.ts';

/** A bucket, ready for authorization. */
export interface BucketEntry {
  readonly bucket: S3Bucket;
  readonly arn: string;
  readonly policy: CompiledPolicy | undefined;
  /** The policy without its public statements (RestrictPublicBuckets). */
  readonly restrictedPolicy: CompiledPolicy | undefined;
  readonly policyIsPublic: boolean;
  /** The policy as GetBucketPolicy returns it: a deleted (or recreated) role or user it names shows as its old unique ID. */
  readonly shownPolicy: string | undefined;
  /** `aws:ResourceTag/<k>` and `s3:BucketTag/<k>` for every bucket tag. */
  readonly tagKeys: Readonly<Record<string, ContextValue>>;
}

const MAX_ENTRIES = 50_000;

/**
 * Builds the entry of a stored bucket; `rewrites` are its policy's bound principals as they read now
 * (`principalRewrites`). A stored policy that no longer parses fails closed (throws).
 */
export function bucketEntry(bucket: S3Bucket, rewrites: PrincipalRewrites = new Map()): BucketEntry {
  let policy: CompiledPolicy | undefined;
  let restrictedPolicy: CompiledPolicy | undefined;
  let policyIsPublic = false;
  if (bucket.policy !== undefined) {
    const parsed = parsePolicy(bucket.policy, { policyType: 'RESOURCE_POLICY' });
    if (!parsed.ok) throw new Error(`stored bucket policy of ${bucket.name} does not parse`);
    const document = rewritePrincipals(parsed.policy, rewrites);
    const source = { id: `arn:aws:s3:::${bucket.name}`, kind: 'ResourcePolicy' as const };
    policy = compilePolicy(document, source);
    policyIsPublic = isPublicPolicy(document);
    restrictedPolicy = policyIsPublic ? compilePolicy(withoutPublicStatements(document), source) : policy;
  }
  const shownPolicy = bucket.policy === undefined ? undefined : shownPolicyText(bucket.policy, rewrites);
  const tagKeys: Record<string, ContextValue> = {};
  for (const t of bucket.tags) {
    tagKeys[`aws:ResourceTag/${t.key}`] = t.value;
    tagKeys[`s3:BucketTag/${t.key}`] = t.value;
  }
  return { bucket, arn: `arn:aws:s3:::${bucket.name}`, policy, restrictedPolicy, policyIsPublic, shownPolicy, tagKeys };
}

/** How the bucket policy's bound principals read now, from the store. */
async function rewritesOf(store: Store, bucket: S3Bucket): Promise<PrincipalRewrites> {
  const bound = bucket.policyPrincipalIds;
  if (bound === undefined || bound.size === 0) return new Map();
  const arns = await currentPrincipalArns(store, bound);
  return principalRewrites(bound, (id) => arns.get(id));
}

/** The cached buckets of a server. */
export class BucketDirectory {
  readonly #store: Store;
  readonly #revision: () => number;
  #seen: number;
  #entries = new Map<string, Promise<BucketEntry | undefined>>();

  constructor(store: Store, revision: () => number) {
    this.#store = store;
    this.#revision = revision;
    this.#seen = revision();
  }

  /** The bucket of that name, or undefined. */
  get(name: string): Promise<BucketEntry | undefined> {
    const revision = this.#revision();
    if (revision !== this.#seen) {
      this.#seen = revision;
      this.#entries = new Map();
    }
    let entry = this.#entries.get(name);
    if (entry === undefined) {
      if (this.#entries.size >= MAX_ENTRIES) this.#entries = new Map();
      const entries = this.#entries;
      const store = this.#store;
      entry = store.s3Buckets.get(name).then(
        async (b) => (b === undefined ? undefined : bucketEntry(b, await rewritesOf(store, b))),
        (err: unknown) => {
          entries.delete(name);
          throw err;
        },
      );
      entries.set(name, entry);
    }
    return entry;
  }

  /** Forgets every bucket (after this process wrote one). */
  invalidate(): void {
    this.#entries = new Map();
  }
}
