// Puts the shipped AWS managed policies into the store at server start: each under
// `arn:aws:iam::aws:policy/NAME`, in no account, attachable by every account. Idempotent: a policy
// already there with the same default version is left alone (and the revision is not raised); a
// shipped default newer than the stored one is added and made the default.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ManagedPolicy, PolicyVersion, Store } from '../../store/index.ts';
import { AWS_MANAGED_POLICIES, type AwsManagedPolicyEntry } from './catalogue.ts';

interface ShippedDocument {
  readonly defaultVersionId: string;
  readonly createDate?: string;
  readonly updateDate?: string;
  readonly document: unknown;
}

/** An AWS managed policy ready to store. */
export interface AwsManagedPolicy {
  readonly policy: ManagedPolicy;
  readonly version: PolicyVersion;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A stable `ANPA…` ID for an AWS managed policy whose real ID podiam does not ship: 17 characters from the ARN's SHA-256. */
function derivedPolicyId(arn: string): string {
  const digest = createHash('sha256').update(arn).digest();
  let id = 'ANPA';
  for (let i = 0; i < 17; i += 1) id += ID_ALPHABET[(digest[i] ?? 0) % 32];
  return id;
}

/** The shipped AWS managed policies, documents written as IAM returns them (indented JSON). */
export function awsManagedPolicies(): AwsManagedPolicy[] {
  const shipped = JSON.parse(readFileSync(new URL('./documents.json', import.meta.url), 'utf8')) as Record<string, ShippedDocument>;
  return AWS_MANAGED_POLICIES.map((entry: AwsManagedPolicyEntry) => {
    const doc = shipped[entry.name];
    if (doc === undefined) throw new Error(`documents.json lacks ${entry.name}`);
    const path = entry.path ?? '/';
    const arn = `arn:aws:iam::aws:policy${path}${entry.name}`;
    const createdAt = new Date(doc.createDate ?? 0);
    const updatedAt = new Date(doc.updateDate ?? doc.createDate ?? 0);
    return {
      policy: {
        arn,
        accountId: undefined,
        name: entry.name,
        path,
        policyId: entry.policyId ?? derivedPolicyId(arn),
        defaultVersionId: doc.defaultVersionId,
        description: entry.description,
        tags: [],
        isAttachable: true,
        createdAt,
        updatedAt,
      },
      version: { policyArn: arn, versionId: doc.defaultVersionId, document: JSON.stringify(doc.document, null, 4), createdAt: updatedAt },
    };
  });
}

/** Seeds the AWS managed policies; writes only what is missing or out of date. */
export async function seedAwsManagedPolicies(store: Store): Promise<void> {
  const wanted = awsManagedPolicies();
  const stale: AwsManagedPolicy[] = [];
  for (const item of wanted) {
    const stored = await store.managedPolicies.get(item.policy.arn);
    if (stored === undefined || stored.defaultVersionId !== item.policy.defaultVersionId) stale.push(item);
  }
  if (stale.length === 0) return;
  await store.transaction(async (tx) => {
    for (const { policy, version } of stale) {
      const stored = await tx.managedPolicies.get(policy.arn);
      if (stored === undefined) {
        await tx.managedPolicies.insert(policy, version);
        continue;
      }
      if ((await tx.managedPolicies.getVersion(policy.arn, version.versionId)) === undefined) await tx.managedPolicies.insertVersion(version);
      await tx.managedPolicies.update(policy.arn, { defaultVersionId: version.versionId, updatedAt: policy.updatedAt });
    }
  });
}
